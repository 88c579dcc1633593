// The bad-input catalogue (tests/data/bad/README.md): one file per class of broken scenario
// a user may be handed. Each must give exit code 2 and a message naming the file and the
// place (a line and column, or a JSON pointer) from every CLI command that reads a
// scenario, and, opened in the app, the same message in its dialog while the document that
// was open stays exactly as it was. Never a crash, never a hang (CTest's timeout).
#include "cli/cli.h"
#include "clirun.h"
#include "document.h"
#include "editor.h"
#include "guitestutil.h"
#include "io/scenariojson.h"

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <sstream>

using namespace dci;

namespace {

struct BadFile {
    const char *file;  // in tests/data/bad, or written by the test (kLongString)
    const char *place; // the start of the first message after "<path>: "
    const char *also;  // text the first message must contain too, or ""
};

constexpr const char *kLongString = "long-string.json"; // 10 MB: written by the test, not kept

// The expected first message of each class, checked against what the reader says.
const BadFile kCatalogue[] = {
    {"syntax-error.json", "line 10, column 20: JSON syntax error: ", "unexpected ','"},
    {"truncated.json", "line 16, column 12: JSON syntax error: ", "missing closing quote"},
    {"wrong-types.json", "/sites/0/gpus: expected a GPU count (a whole number >= 0), got a string (\"many\")", ""},
    {"nan-infinity.json", "line 14, column 14: JSON syntax error: ",
     "NaN and Infinity are not JSON numbers: write a finite number"},
    {"huge-numbers.json", "/sites/0/gpus: expected a GPU count: at most 10000000", "got 1e+300"},
    {"negative-counts.json", "/sites/1/gpus: expected a GPU count (a whole number >= 0), got -8", ""},
    {"missing-reference.json", "/spans/0/b: unknown site \"zz\" (sites are: a, b)", ""},
    {"span-to-itself.json", "/spans/0/b: span \"ab\" connects site \"a\" to itself", ""},
    {"duplicate-ids.json", "/sites/1/id: duplicate site id \"a\" (first used at /sites/0/id)", ""},
    {"unknown-optic-gpu.json", "/sites/0/gpu: unknown GPU \"H900\"", "the catalog has: H100-SXM"},
    {kLongString, "/name: expected at most 1,000 bytes of text", "(10,000,000 bytes)"},
    {"deep-nesting.json", "line 27, column 76: arrays and objects nested deeper than 64 levels", ""},
    {"empty.json", "line 1, column 1: the file is empty; expected a DCI Planner scenario", ""},
    {"binary-garbage.json", "line 2, column 1: the file holds binary data (a byte \\x1A), not text", ""},
    {"wrong-format-marker.json", "/format: expected \"dci-scenario\", got \"dci-catalog\"", ""},
    {"future-version.json", "/version: unsupported version 99; this DCI Planner reads version 1", ""},
};

using Run = test::CliRun;
using test::runCli;

QString firstLine(const std::string &text)
{
    const QString all = QString::fromStdString(text);
    return all.left(all.indexOf(QLatin1Char('\n')));
}

} // namespace

class TstBadInputs : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString pathOf(const char *file) const
    {
        return file == kLongString ? m_dir.filePath(QString::fromLatin1(file))
                                   : QStringLiteral(DCI_TEST_DATA_DIR "/bad/") + QString::fromLatin1(file);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A 10 MB scenario name: too large to keep in the repository, so written here.
        QFile f(m_dir.filePath(QString::fromLatin1(kLongString)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        constexpr qsizetype kBytes = 10'000'000;
        f.write(R"({"format": "dci-scenario", "version": 1, "name": ")");
        f.write(QByteArray(kBytes, 'x'));
        f.write(R"(", "sites": [{"id": "a", "lat": 41.0, "lon": -95.0}]})");
    }

    // Every file of tests/data/bad is in the table, and every row's file exists.
    void catalogueIsComplete()
    {
        const QDir dir(QStringLiteral(DCI_TEST_DATA_DIR "/bad"));
        QStringList listed;
        for (const BadFile &b : kCatalogue)
            if (b.file != kLongString)
                listed << QString::fromLatin1(b.file);
        listed.sort();
        QCOMPARE(dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name), listed);
    }

    void cli_data()
    {
        QTest::addColumn<int>("row");
        for (int i = 0; i < int(std::size(kCatalogue)); ++i)
            QTest::newRow(kCatalogue[i].file) << i;
    }
    // Exit 2, nothing on stdout, and every line of stderr names the file and a place.
    void cli()
    {
        QFETCH(int, row);
        const BadFile &b = kCatalogue[row];
        const QString path = pathOf(b.file);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const std::string p = path.toStdString();
        const std::string html = m_dir.filePath(QStringLiteral("report.html")).toStdString();
        const std::vector<std::vector<std::string>> commands = {
            {"validate", p}, {"evaluate", p, "--json"}, {"report", p, "-o", html}, {"format", p}};
        for (const std::vector<std::string> &args : commands) {
            const QString command = QString::fromStdString(args.front());
            const Run r = runCli(args);
            QCOMPARE(r.code, 2);
            QVERIFY2(r.out.empty(), r.out.substr(0, 200).c_str());
            const QString first = firstLine(r.err);
            QVERIFY2(first.startsWith(path + QStringLiteral(": ") + QString::fromUtf8(b.place))
                         && first.contains(QString::fromUtf8(b.also)),
                     qPrintable(command + QStringLiteral(": ") + first.left(400)));
            for (const QString &line : QString::fromStdString(r.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                QVERIFY2(line.startsWith(path + QStringLiteral(": line "))
                             || line.startsWith(path + QStringLiteral(": /")),
                         qPrintable(line.left(400)));
                QVERIFY2(line.size() < 2000, "a message quotes megabytes of the file");
            }
        }
        // Nothing written: `format` rewrites only files that read, `report` writes nothing.
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QVERIFY(again.readAll() == bytes);
        QVERIFY(!QFile::exists(QString::fromStdString(html)));
    }

    // Opened in the app: the dialog shows the reader's message (the CLI's first line), and
    // the document that was open is untouched: the same plan, path, undo history and
    // modified flag.
    void openInApp()
    {
        auto window = test::shownWindow();
        const QString good = QStringLiteral(DCI_SOURCE_DIR "/samples/two-campus-teaching.json");
        QVERIFY(window->openFile(good));
        window->setErrorDialogsEnabled(true); // the dialogs a user sees, answered below
        // An edit, so the document has undo history and unsaved changes to keep.
        Document *doc = window->document();
        window->editor()->setSiteGpus(QString::fromStdString(doc->scenario().sites.front().id),
                                      doc->scenario().sites.front().gpus + 8);
        QVERIFY(doc->isModified());
        const std::string before = writeScenario(doc->scenario());
        const int undoCount = doc->undoStack()->count();

        for (const BadFile &b : kCatalogue) {
            const QString path = pathOf(b.file);
            const Run cli = runCli({"validate", path.toStdString()});
            QString title, text, informative, details;
            bool shown = false;
            // The dialog is modal: read it and press OK from the event loop it runs.
            QTimer::singleShot(0, this, [&] {
                for (QWidget *w : QApplication::topLevelWidgets())
                    if (auto *box = qobject_cast<QMessageBox *>(w); box && box->isVisible()) {
                        shown = true;
                        title = box->windowTitle();
                        text = box->text();
                        informative = box->informativeText();
                        details = box->detailedText();
                        test::keepShot(box->grab().toImage(), QStringLiteral("bad-") + QFileInfo(path).baseName());
                        QTest::mouseClick(box->button(QMessageBox::Ok), Qt::LeftButton);
                    }
            });
            QVERIFY(!window->openFile(path));
            QVERIFY2(shown, b.file);
            QCOMPARE(title, QStringLiteral("Cannot Open Scenario"));
            QVERIFY2(text.contains(QFileInfo(path).fileName()), qPrintable(text));
            // The dialog names the file and shows each message from its place on; Show
            // Details has them whole, as the CLI prints them.
            const QStringList paragraphs = informative.split(QStringLiteral("\n\n"));
            QCOMPARE(paragraphs.value(0), QStringLiteral("In %1:").arg(QDir::toNativeSeparators(path)));
            QCOMPARE(path + QStringLiteral(": ") + paragraphs.value(1), firstLine(cli.err));
            QCOMPARE(details.split(QLatin1Char('\n')).value(0), firstLine(cli.err));
            QCOMPARE(window->lastErrors().value(0), firstLine(cli.err));
            QCOMPARE(doc->filePath(), good);
            QVERIFY(doc->isModified());
            QCOMPARE(doc->undoStack()->count(), undoCount);
            QVERIFY2(writeScenario(doc->scenario()) == before, b.file);
        }
    }
};

QTEST_MAIN(TstBadInputs)
#include "tst_badinputs.moc"
