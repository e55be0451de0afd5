// A stand-in for libFuzzer's main: runs LLVMFuzzerTestOneInput over every file in the directories (or
// files) named on the command line, so corpora replay in any compiler's build. Exits non-zero if a path is
// missing or holds no input, so a moved corpus cannot pass silently.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace
{

bool runFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    long inputs = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path root(argv[i]);
        if (std::filesystem::is_directory(root)) {
            for (const auto &entry : std::filesystem::recursive_directory_iterator(root)) {
                if (entry.is_regular_file() && runFile(entry.path()))
                    ++inputs;
            }
        } else if (runFile(root)) {
            ++inputs;
        }
    }
    std::printf("replayed %ld inputs\n", inputs);
    return inputs > 0 ? 0 : 1;
}
