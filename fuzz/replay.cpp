// fuzz_replay: runs the fuzz regression files (tests/data/fuzz/<harness>/) and the seed
// corpus (fuzz/seeds.txt) through the harness functions, without libFuzzer, in any build.
// Exit 0 when every file passes; 1 when one breaks an invariant or throws (each named).
//
//   fuzz_replay                     every harness: its regression files and its seeds
//   fuzz_replay HARNESS FILE...     these files through one harness (a crash to check)

#include "harnesses.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#ifndef DCI_SOURCE_DIR
#error "DCI_SOURCE_DIR must name the source tree (fuzz/CMakeLists.txt)"
#endif

namespace fs = std::filesystem;
using dci::fuzz::Harness;

namespace {

const Harness *findHarness(const std::string &name)
{
    for (const Harness &h : dci::fuzz::harnesses())
        if (name == h.name)
            return &h;
    return nullptr;
}

// The files of a folder with the extension (any when empty), sorted; none when it is missing.
std::vector<fs::path> filesIn(const fs::path &dir, const std::string &ext)
{
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return out;
    for (const auto &entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().filename().string()[0] != '.' &&
            (ext.empty() || entry.path().extension() == ext))
            out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

// One file through one harness: true when it passes; otherwise says why on stderr.
bool runFile(const Harness &h, const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "FAIL %s %s: cannot read the file\n", h.name, file.c_str());
        return false;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        h.run(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
        return true;
    } catch (const dci::fuzz::Violation &v) {
        std::fprintf(stderr, "FAIL %s %s: %s\n", h.name, file.c_str(), v.what.c_str());
    } catch (const std::exception &e) {
        std::fprintf(stderr, "FAIL %s %s: exception: %s\n", h.name, file.c_str(), e.what());
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    dci::fuzz::setOnViolation(dci::fuzz::OnViolation::Throw);
    const fs::path source(DCI_SOURCE_DIR);

    if (argc >= 2) {
        const Harness *h = findHarness(argv[1]);
        if (!h) {
            std::fprintf(stderr, "fuzz_replay: unknown harness \"%s\"; the harnesses:", argv[1]);
            for (const Harness &k : dci::fuzz::harnesses())
                std::fprintf(stderr, " %s", k.name);
            std::fprintf(stderr, "\n");
            return 2;
        }
        int failed = 0;
        for (int i = 2; i < argc; ++i)
            failed += runFile(*h, argv[i]) ? 0 : 1;
        std::printf("%s: %d file(s), %d failed\n", h->name, argc - 2, failed);
        return failed ? 1 : 0;
    }

    // harness -> seed folders and extensions, from fuzz/seeds.txt.
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> seeds;
    std::ifstream list(source / "fuzz" / "seeds.txt");
    if (!list) {
        std::fprintf(stderr, "fuzz_replay: cannot read %s\n", (source / "fuzz" / "seeds.txt").c_str());
        return 2;
    }
    std::string line;
    int lineNo = 0;
    while (std::getline(list, line)) {
        ++lineNo;
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream words(line);
        std::string name, dir, ext;
        if (!(words >> name >> dir >> ext) || !findHarness(name)) {
            std::fprintf(stderr, "fuzz_replay: fuzz/seeds.txt: line %d: expected \"<harness> <dir> <.ext>\"\n",
                         lineNo);
            return 2;
        }
        seeds[name].emplace_back(dir, ext);
    }

    int total = 0, failed = 0;
    for (const Harness &h : dci::fuzz::harnesses()) {
        std::vector<fs::path> files = filesIn(source / "tests" / "data" / "fuzz" / h.name, "");
        const std::size_t regressions = files.size();
        for (const auto &[dir, ext] : seeds[h.name]) {
            std::vector<fs::path> more = filesIn(source / dir, ext);
            if (more.empty()) {
                std::fprintf(stderr, "FAIL %s: no seed files in %s (*%s)\n", h.name, dir.c_str(), ext.c_str());
                ++failed;
            }
            files.insert(files.end(), more.begin(), more.end());
        }
        int bad = 0;
        for (const fs::path &f : files)
            bad += runFile(h, f) ? 0 : 1;
        std::printf("%-22s %3zu regression file(s) %3zu seed(s) %d failed\n", h.name, regressions,
                    files.size() - regressions, bad);
        total += static_cast<int>(files.size());
        failed += bad;
    }
    std::printf("fuzz_replay: %d file(s), %d failed\n", total, failed);
    return failed ? 1 : 0;
}
