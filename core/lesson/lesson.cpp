// The lesson file reader (docs/LESSONS.md "Format"): a header between "---" lines, then
// steps, each a "## " heading followed by `key: value` lines and paragraphs of text.

#include "lesson/lesson.h"

#include "model/textformat.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

namespace dci {

namespace {

// Limits that keep a lesson readable and its reading bounded.
constexpr std::size_t kMaxLessonBytes = 1'000'000;
constexpr std::size_t kMaxSteps = 100;
constexpr std::size_t kMaxHints = 3;
constexpr std::size_t kMinChoices = 2;
constexpr std::size_t kMaxChoices = 6;
constexpr int kMaxLessonNumber = 999;
constexpr std::size_t kMaxTitleBytes = 200;

// The keys a step line may start with; any other "word:" is text.
const std::set<std::string> &stepKeys()
{
    static const std::set<std::string> keys = {"load", "set",    "highlight", "show",   "task",  "check",
                                               "hint", "answer", "question",  "choice", "correct", "solved"};
    return keys;
}
std::string trim(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

bool isIndented(const std::string &line) { return !line.empty() && (line[0] == ' ' || line[0] == '\t'); }

// "key: value" with a known key: the key and the value; otherwise false.
bool splitKey(const std::string &line, const std::set<std::string> &keys, std::string &key, std::string &value)
{
    const auto colon = line.find(':');
    if (colon == std::string::npos || colon == 0)
        return false;
    const std::string k = line.substr(0, colon);
    if (!keys.count(k))
        return false;
    if (colon + 1 < line.size() && line[colon + 1] != ' ' && line[colon + 1] != '\t')
        return false;
    key = k;
    value = trim(line.substr(colon + 1));
    return true;
}

bool parseWhole(const std::string &text, int &out)
{
    if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
        return false;
    out = std::stoi(text);
    return true;
}

class Reader {
public:
    Reader(const std::string &file) : m_file(file) {}

    LessonParse read(const std::string &textIn)
    {
        std::string text = textIn;
        if (text.size() > kMaxLessonBytes)
            return failWhole("the file is " + std::to_string(text.size()) + " bytes; a lesson is at most "
                             + std::to_string(kMaxLessonBytes));
        if (text.rfind("\xEF\xBB\xBF", 0) == 0)
            text.erase(0, 3);
        if (looksBinary(text))
            return failWhole("the file holds binary data, not the text of a lesson");
        if (!validUtf8(text))
            return failWhole("expected text in UTF-8, got bytes that are not");
        std::vector<std::string> lines;
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) {
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            lines.push_back(line);
        }
        std::size_t i = 0;
        while (i < lines.size() && trim(lines[i]).empty())
            ++i;
        if (i == lines.size())
            return failWhole("the file is empty; expected a header between \"---\" lines, then steps");
        if (trim(lines[i]) != "---") {
            error(static_cast<int>(i + 1), "expected the header, starting with a line \"---\", got "
                                               + inQuotes(trim(lines[i])));
            return finish();
        }
        i = readHeader(lines, i + 1);
        readBody(lines, i);
        return finish();
    }

private:
    LessonParse failWhole(const std::string &message)
    {
        m_errors.push_back({m_file, 0, message});
        return finish();
    }
    void error(int line, const std::string &message) { m_errors.push_back({m_file, line, message}); }

    std::size_t readHeader(const std::vector<std::string> &lines, std::size_t i)
    {
        static const std::set<std::string> keys = {"lesson", "title", "summary"};
        const int start = static_cast<int>(i);
        bool closed = false;
        std::set<std::string> seen;
        for (; i < lines.size(); ++i) {
            const int ln = static_cast<int>(i + 1);
            const std::string line = trim(lines[i]);
            if (line == "---") {
                closed = true;
                ++i;
                break;
            }
            if (line.empty() || line.rfind("<!--", 0) == 0)
                continue;
            if (line.rfind("##", 0) == 0) {
                error(start, "the header is not closed: expected a line \"---\" before the first step (line "
                                 + std::to_string(ln) + ")");
                return i;
            }
            std::string key, value;
            if (!splitKey(line, keys, key, value)) {
                error(ln, "expected a header line \"lesson: N\", \"title: TEXT\" or \"summary: TEXT\", got "
                              + inQuotes(line));
                continue;
            }
            if (!seen.insert(key).second)
                error(ln, "\"" + key + "\" is given twice in the header");
            if (key == "lesson") {
                int n = 0;
                if (!parseWhole(value, n) || n < 1 || n > kMaxLessonNumber)
                    error(ln, "lesson: expected a whole number from 1 to " + std::to_string(kMaxLessonNumber)
                                  + ", got " + inQuotes(value));
                else
                    m_lesson.number = n;
            } else if (key == "title") {
                if (value.empty() || value.size() > kMaxTitleBytes)
                    error(ln, "title: expected 1 to " + std::to_string(kMaxTitleBytes) + " bytes of text");
                m_lesson.title = value;
            } else {
                m_lesson.summary = value;
            }
        }
        if (!closed) {
            if (i == lines.size())
                error(start, "the header is not closed: expected a line \"---\" after it");
        } else {
            if (!seen.count("lesson"))
                error(start, "the header has no \"lesson: N\" (the lesson's number)");
            if (!seen.count("title"))
                error(start, "the header has no \"title: TEXT\"");
        }
        return i;
    }

    void readBody(const std::vector<std::string> &lines, std::size_t i)
    {
        LessonStep *step = nullptr;
        std::string *continued = nullptr; // the text an indented line goes on
        bool inParagraph = false;
        for (; i < lines.size(); ++i) {
            const int ln = static_cast<int>(i + 1);
            const std::string &raw = lines[i];
            const std::string line = trim(raw);
            if (line.rfind("## ", 0) == 0 || line == "##") {
                finishStep(step);
                if (m_lesson.steps.size() == kMaxSteps) {
                    error(ln, "a lesson has at most " + std::to_string(kMaxSteps) + " steps");
                    return;
                }
                m_lesson.steps.emplace_back();
                step = &m_lesson.steps.back();
                step->title = trim(line.substr(2));
                step->line = ln;
                if (step->title.empty())
                    error(ln, "expected the step's title after \"## \"");
                continued = nullptr;
                inParagraph = false;
                continue;
            }
            if (line.empty()) {
                inParagraph = false;
                continued = nullptr;
                continue;
            }
            if (line.rfind("<!--", 0) == 0)
                continue;
            if (!step) {
                error(ln, "expected the first step, a line \"## TITLE\", got " + inQuotes(line));
                return;
            }
            if (isIndented(raw) && continued) {
                *continued += " " + line;
                continue;
            }
            std::string key, value;
            if (splitKey(line, stepKeys(), key, value)) {
                inParagraph = false;
                continued = stepLine(*step, ln, key, value);
                continue;
            }
            continued = nullptr;
            if (inParagraph) {
                step->paragraphs.back() += " " + line;
            } else {
                step->paragraphs.push_back(line);
                step->paragraph_lines.push_back(ln);
                inParagraph = true;
            }
        }
        finishStep(step);
        if (m_lesson.steps.empty() && m_errors.empty())
            error(static_cast<int>(lines.size()), "the lesson has no steps: expected lines \"## TITLE\"");
    }

    std::optional<LessonSet> parseSet(int ln, const std::string &key, const std::string &value)
    {
        const auto eq = value.find('=');
        const std::string path = eq == std::string::npos ? "" : trim(value.substr(0, eq));
        const std::string v = eq == std::string::npos ? "" : trim(value.substr(eq + 1));
        if (path.empty() || v.empty() || path.find_first_of(" \t") != std::string::npos) {
            error(ln, key + ": expected PATH = VALUE (e.g. spans/a-b/wavelengths = 16), got " + inQuotes(value));
            return std::nullopt;
        }
        return LessonSet{path, v, ln};
    }

    // Stores one `key: value` line; returns the text an indented next line goes on.
    std::string *stepLine(LessonStep &s, int ln, const std::string &key, const std::string &value)
    {
        auto once = [&](bool taken) {
            if (taken)
                error(ln, key + ": given twice in the step \"" + s.title + "\"");
        };
        auto needText = [&]() {
            if (value.empty())
                error(ln, key + ": expected text after \"" + key + ":\"");
        };
        if (key == "load") {
            once(!s.load.empty());
            needText();
            s.load = value;
            s.load_line = ln;
        } else if (key == "set" || key == "answer") {
            if (auto set = parseSet(ln, key, value))
                (key == "set" ? s.sets : s.answer).push_back(*set);
        } else if (key == "highlight") {
            once(s.highlight_line != 0);
            s.highlight_line = ln;
            std::string ref;
            std::istringstream in(value);
            while (std::getline(in, ref, ','))
                if (!trim(ref).empty())
                    s.highlight.push_back(trim(ref));
            if (s.highlight.empty())
                error(ln, "highlight: expected element refs separated by commas (site:ID, span:ID)");
        } else if (key == "show") {
            once(s.show_line != 0);
            needText();
            s.show = value;
            s.show_line = ln;
        } else if (key == "task") {
            once(!s.task.empty());
            needText();
            s.task = value;
            return &s.task;
        } else if (key == "check") {
            once(!s.check.empty());
            needText();
            s.check = value;
            s.check_line = ln;
            return &s.check;
        } else if (key == "hint") {
            needText();
            s.hints.push_back(value);
            if (s.hints.size() > kMaxHints)
                error(ln, "hint: a step has at most " + std::to_string(kMaxHints) + " hints");
            return &s.hints.back();
        } else if (key == "question") {
            once(!s.question.empty());
            needText();
            s.question = value;
            return &s.question;
        } else if (key == "choice") {
            needText();
            s.choices.push_back(value);
            return &s.choices.back();
        } else if (key == "correct") {
            once(s.correct_line != 0);
            s.correct_line = ln;
            if (!parseWhole(value, s.correct) || s.correct < 1)
                error(ln, "correct: expected the number of the right choice (1 for the first), got "
                              + inQuotes(value));
        } else if (key == "solved") {
            once(!s.solved.empty());
            needText();
            s.solved = value;
            return &s.solved;
        }
        return nullptr;
    }

    void finishStep(const LessonStep *s)
    {
        if (!s)
            return;
        const int ln = s->line;
        const std::string where = "step \"" + s->title + "\": ";
        if (s->paragraphs.empty() && s->task.empty() && s->question.empty())
            error(ln, where + "expected some text, a task or a question");
        if (!s->task.empty() && s->check.empty())
            error(ln, where + "the task has no \"check:\" (how the tool knows it is done)");
        if (!s->check.empty()) {
            if (s->task.empty())
                error(s->check_line, where + "a check needs a \"task:\" that says what to do");
            if (s->answer.empty())
                error(s->check_line, where + "the task has no \"answer: PATH = VALUE\" (its intended answer)");
            else if (const std::string problem = checkSyntaxProblem(s->check); !problem.empty())
                error(s->check_line, "check: " + problem);
        } else if (!s->answer.empty()) {
            error(s->answer.front().line, where + "an answer needs a task and its \"check:\"");
        }
        if (!s->question.empty()) {
            if (!s->task.empty())
                error(ln, where + "a step sets a task or asks a question, not both");
            if (s->choices.size() < kMinChoices || s->choices.size() > kMaxChoices)
                error(ln, where + "the question needs " + std::to_string(kMinChoices) + " to "
                              + std::to_string(kMaxChoices) + " \"choice:\" lines, got "
                              + std::to_string(s->choices.size()));
            else if (s->correct_line == 0)
                error(ln, where + "the question has no \"correct: N\" (the number of the right choice)");
            else if (s->correct > static_cast<int>(s->choices.size()))
                error(s->correct_line, "correct: expected 1 to " + std::to_string(s->choices.size())
                                           + " (the step has " + std::to_string(s->choices.size())
                                           + " choices), got " + std::to_string(s->correct));
        } else if (!s->choices.empty() || s->correct_line != 0) {
            error(ln, where + "choices need a \"question:\"");
        }
        if (!s->hints.empty() && s->task.empty() && s->question.empty())
            error(ln, where + "hints need a task or a question");
    }

    LessonParse finish()
    {
        LessonParse out;
        out.errors = m_errors;
        if (m_errors.empty())
            out.lesson = m_lesson;
        return out;
    }

    std::string m_file;
    Lesson m_lesson;
    std::vector<LessonError> m_errors;
};

} // namespace

std::string LessonError::text() const
{
    return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}

LessonParse parseLesson(const std::string &text, const std::string &file)
{
    Reader reader(file);
    LessonParse out = reader.read(text);
    if (out.lesson)
        out.lesson->file = file;
    return out;
}

LessonParse readLessonFile(const std::filesystem::path &path)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return {std::nullopt, {{path.string(), 0, "is a folder; expected a lesson file (.md)"}}};
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {std::nullopt, {{path.string(), 0, "cannot open the file"}}};
    // Read at most one byte past the limit: the reader refuses anything longer.
    std::string text;
    text.resize(kMaxLessonBytes + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return parseLesson(text, path.string());
}

namespace {

void addFolder(const std::filesystem::path &dir, LessonLibrary &out, std::map<int, std::string> &taken)
{
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".md" && it->path().filename() != "README.md")
            files.push_back(it->path());
    if (ec) {
        out.errors.push_back({dir.string(), 0, "cannot list the lessons: " + ec.message()});
        return;
    }
    std::sort(files.begin(), files.end());
    for (const auto &file : files) {
        LessonParse parse = readLessonFile(file);
        out.errors.insert(out.errors.end(), parse.errors.begin(), parse.errors.end());
        if (!parse.ok())
            continue;
        const auto [it, fresh] = taken.emplace(parse.lesson->number, file.string());
        if (!fresh) {
            out.errors.push_back({file.string(), 0,
                                  "lesson " + std::to_string(parse.lesson->number) + " is also the number of "
                                      + it->second + "; this file is left out"});
            continue;
        }
        out.lessons.push_back(std::move(*parse.lesson));
    }
}

void sortByNumber(LessonLibrary &library)
{
    std::stable_sort(library.lessons.begin(), library.lessons.end(),
                     [](const Lesson &a, const Lesson &b) { return a.number < b.number; });
}

} // namespace

LessonLibrary loadLessonLibrary(const std::filesystem::path &dir)
{
    LessonLibrary out;
    std::map<int, std::string> taken;
    addFolder(dir, out, taken);
    sortByNumber(out);
    return out;
}

LessonLibrary loadLessonLibrary(const std::vector<std::filesystem::path> &dirs)
{
    LessonLibrary out;
    std::map<int, std::string> taken;
    std::error_code ec;
    for (const auto &dir : dirs)
        if (!dir.empty() && std::filesystem::is_directory(dir, ec))
            addFolder(dir, out, taken);
    sortByNumber(out);
    return out;
}

std::filesystem::path userLessonsDir()
{
    if (const char *own = std::getenv("DCI_USER_LESSONS_DIR"); own && *own)
        return own;
    if (const char *data = std::getenv("XDG_DATA_HOME"); data && *data)
        return std::filesystem::path(data) / "dciplanner" / "lessons";
    if (const char *home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "dciplanner" / "lessons";
    return {};
}

} // namespace dci
