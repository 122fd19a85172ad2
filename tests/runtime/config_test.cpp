#include <doctest/doctest.h>

#include "falcogen/detail/config.hpp"

using namespace falcogen;
namespace config = falcogen::detail::config;
using config::Document;

TEST_CASE("an empty config is an empty object, as in the framework") {
    CHECK(Document::parse_config("").root().is_object());
    CHECK(Document::parse_config("  \n").root().size() == 0);
}

TEST_CASE("config errors name the property and what was expected") {
    CHECK_THROWS_WITH_AS(Document::parse_config("{"), "init config: not valid JSON", Error);
    CHECK_THROWS_WITH_AS(Document::parse_config("[1]"), "init config: /: expected a JSON object, got array", Error);
    const auto doc =
        Document::parse_literal(R"({"s": "x", "f": 1.5, "i": 3.0, "tags": ["a", 2], "big": 18446744073709551615})");
    const auto root = doc.root();
    int64_t i;
    CHECK_THROWS_WITH_AS(config::read(root.member("s"), i, "/port"),
                         "init config: /port: expected an integer, got string", Error);
    CHECK_THROWS_WITH_AS(config::read(root.member("f"), i, "/port"),
                         "init config: /port: expected an integer, got a fractional number", Error);
    CHECK_THROWS_WITH_AS(config::read(root.member("big"), i, "/big"), "init config: /big: integer out of range", Error);
    config::read(root.member("i"), i, "/port");
    CHECK(i == 3);
    std::vector<std::string> v;
    CHECK_THROWS_WITH_AS(config::read(root.member("tags"), v, "/tags"),
                         "init config: /tags/1: expected a string, got number", Error);
    CHECK_FALSE(root.member("missing").exists());
    const std::string path;
    config::Object object(root, path);
    object.get("s", i);  // fails (a string), but an unknown key is reported first
    CHECK_THROWS_WITH_AS(object.finish(), doctest::Contains("init config: /big: unknown property (expected s)"), Error);
    CHECK_THROWS_WITH_AS(config::check_maximum(5000, 1000, "/n"),
                         "init config: /n: value 5000 is greater than maximum 1000", Error);
    CHECK_THROWS_WITH_AS(config::check_pattern("ABC", "^[a-z]+$", "/s"),
                         "init config: /s: string does not match pattern ^[a-z]+$", Error);
}
