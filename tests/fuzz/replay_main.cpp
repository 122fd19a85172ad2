// Replays fuzz inputs through a fuzz target without libFuzzer (the gcc and
// sanitizer builds): every file given, or every file of every folder given.
// This is how the seed corpora and the regressions/ inputs run in ctest.
#include <dirent.h>
#include <sys/stat.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {
int run_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        return 1;
    }
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // A heap copy of exactly the input's size, as libFuzzer gives it.
    std::vector<uint8_t> exact(bytes);
    LLVMFuzzerTestOneInput(exact.empty() ? nullptr : exact.data(), exact.size());
    return 0;
}
}  // namespace

int main(int argc, char** argv) {
    int files = 0, errors = 0;
    for (int i = 1; i < argc; ++i) {
        struct stat st {};
        if (stat(argv[i], &st) != 0) {
            std::fprintf(stderr, "no such file or folder: %s\n", argv[i]);
            return 1;
        }
        if (S_ISDIR(st.st_mode)) {
            DIR* d = opendir(argv[i]);
            std::vector<std::string> names;
            while (dirent* e = readdir(d)) {
                if (e->d_name[0] != '.') names.push_back(std::string(argv[i]) + "/" + e->d_name);
            }
            closedir(d);
            for (const auto& n : names) {
                errors += run_file(n);
                ++files;
            }
        } else {
            errors += run_file(argv[i]);
            ++files;
        }
    }
    std::printf("replayed %d inputs\n", files);
    return errors == 0 && files > 0 ? 0 : 1;
}
