#include <doctest/doctest.h>

#include "falcogen/config/json_config.hpp"

using namespace falcogen;
using config::Json;

TEST_CASE("an empty config is an empty object, as in the framework") {
    CHECK(config::parse_document("").is_object());
    CHECK(config::parse_document("  \n").empty());
}

TEST_CASE("config errors name the property and what was expected") {
    CHECK_THROWS_WITH_AS(config::parse_document("{"), "init config: not valid JSON", Error);
    CHECK_THROWS_WITH_AS(config::parse_document("[1]"), "init config: /: expected a JSON object, got array", Error);
    int64_t i;
    CHECK_THROWS_WITH_AS(config::read(Json("x"), i, "/port"), "init config: /port: expected an integer, got string",
                         Error);
    CHECK_THROWS_WITH_AS(config::read(Json(1.5), i, "/port"),
                         "init config: /port: expected an integer, got a fractional number", Error);
    config::read(Json(3.0), i, "/port");
    CHECK(i == 3);
    std::vector<std::string> v;
    CHECK_THROWS_WITH_AS(config::read(Json::parse("[\"a\", 2]"), v, "/tags"),
                         "init config: /tags/1: expected a string, got number", Error);
    CHECK_THROWS_WITH_AS(config::check_maximum(5000, 1000, "/n"), "init config: /n: value 5000 is greater than maximum 1000",
                         Error);
    CHECK_THROWS_WITH_AS(config::check_pattern("ABC", "^[a-z]+$", "/s"),
                         "init config: /s: string does not match pattern ^[a-z]+$", Error);
}
