// The report (issue 14): one self-contained HTML file with the headline figures, the
// drawings, the tables and every assumption; a PDF from the GUI; `dciplanner-cli report`.

#include "cli/cli.h"
#include "document.h"
#include "engine/evaluate.h"
#include "guitestutil.h"
#include "io/reporthtml.h"
#include "io/scenariojson.h"
#include "reportexport.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sstream>

using namespace dci;
using namespace dci::test;

namespace {

QString sample(const char *name)
{
    return QStringLiteral(DCI_SOURCE_DIR "/samples/") + QLatin1String(name);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TstReport : public QObject
{
    Q_OBJECT

private slots:
    void htmlHoldsThePlan()
    {
        const ScenarioLoad load = readScenarioFile(sample("nationwide-multicampus.json").toStdString(), Catalog::builtin());
        QVERIFY(load.ok());
        const Scenario &s = *load.scenario;
        const Results r = evaluate(s, Catalog::builtin());
        const auto figures = reportFigures(s, r, 0.7);
        QCOMPARE(figures.size(), std::size_t(4));
        const QString html = QString::fromStdString(
            reportHtml(s, Catalog::builtin(), r, figures, ReportImages::InlineSvg, "DCI Planner test"));
        QVERIFY(html.contains(QString::fromStdString(s.name)));
        // Headline figures, as the status bar words them: 460,000 GPUs, 50.2%, $32.08M.
        QVERIFY(html.contains(QStringLiteral("460,000")));
        QVERIFY(html.contains(QStringLiteral("%1%").arg(*r.job.efficiency * 100.0, 0, 'f', 1)));
        QVERIFY(html.contains(QStringLiteral("$%1M").arg(*r.cost.capex_usd / 1e6, 0, 'f', 2)));
        QVERIFY(html.contains(QStringLiteral("model 2")));
        QCOMPARE(html.count(QStringLiteral("<svg")), 4); // network and three charts, inline
        for (const SpanResult &span : r.spans)
            QVERIFY2(html.contains(QStringLiteral(">%1").arg(QString::fromStdString(span.id))), span.id.c_str());
        for (const BomLine &line : r.bom)
            QVERIFY(html.contains(QString::fromStdString(line.item)));
        // Every catalog figure, with its source; an override marked as this plan's.
        for (const auto &[key, figure] : Catalog::builtin().assumptions)
            QVERIFY2(html.contains(QString::fromStdString(key)), key.c_str());
        QVERIFY(!html.contains(QStringLiteral("figure:"))); // nothing left to fetch
        const QString refs = QString::fromStdString(
            reportHtml(s, Catalog::builtin(), r, figures, ReportImages::References, "DCI Planner test"));
        QCOMPARE(refs.count(QStringLiteral("<img src=\"figure:")), 4);
        QCOMPARE(refs.count(QStringLiteral("<svg")), 0);
    }

    // An override shows in the assumptions table as this plan's value.
    void overrideShown()
    {
        ScenarioLoad load = readScenarioFile(sample("two-campus-teaching.json").toStdString(), Catalog::builtin());
        QVERIFY(load.ok());
        load.scenario->assumptions.figures["loss_rate"] = 1e-6;
        const Results r = evaluate(*load.scenario, Catalog::builtin());
        const QString html = QString::fromStdString(reportHtml(*load.scenario, Catalog::builtin(), r,
                                                               reportFigures(*load.scenario, r, 0.7),
                                                               ReportImages::InlineSvg, "t"));
        static const QRegularExpression row(QStringLiteral("<td>loss_rate</td>.*?<b>1e-06</b>"),
                                            QRegularExpression::DotMatchesEverythingOption);
        QVERIFY(row.match(html).hasMatch());
    }

    // From the window: the canvas is the network drawing; the PDF has pages.
    void fromTheWindow()
    {
        auto window = shownWindow();
        QVERIFY(window->openFile(sample("nationwide-multicampus.json")));
        QVERIFY(m_dir.isValid());
        const QString html = m_dir.filePath(QStringLiteral("r.html"));
        QVERIFY2(window->exportReport(html), qPrintable(window->lastErrors().join('\n')));
        const QByteArray bytes = readAll(html);
        QVERIFY(bytes.startsWith("<!DOCTYPE html>"));
        QVERIFY(bytes.contains("DCI Planner drawing, model 2")); // the canvas export's description
        QVERIFY(!bytes.contains("<?xml"));
        const QString pdf = m_dir.filePath(QStringLiteral("r.pdf"));
        QVERIFY2(window->exportReport(pdf), qPrintable(window->lastErrors().join('\n')));
        const QByteArray pdfBytes = readAll(pdf);
        QVERIFY(pdfBytes.startsWith("%PDF"));
        static const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
        QVERIFY(QString::fromLatin1(pdfBytes).count(page) >= 2); // a document of several pages
        QVERIFY(!window->exportReport(m_dir.filePath(QStringLiteral("r.doc"))));
        QVERIFY(window->lastErrors().value(0).contains(QStringLiteral("use .html or .pdf")));
    }

    void cli()
    {
        std::ostringstream out, err;
        const std::string html = m_dir.filePath(QStringLiteral("c.html")).toStdString();
        QCOMPARE(cli::run({"report", sample("two-campus-teaching.json").toStdString(), "-o", html}, out, err), 0);
        QVERIFY(readAll(QString::fromStdString(html)).contains("Two campuses"));
        QCOMPARE(cli::run({"report", sample("two-campus-teaching.json").toStdString()}, out, err), 2);
        QVERIFY(err.str().find("expected -o OUT.html or -o OUT.pdf") != std::string::npos);
        QCOMPARE(cli::run({"report", sample("two-campus-teaching.json").toStdString(), "-o", "x.txt"}, out, err), 2);
        QVERIFY(err.str().find("ending in .html or .pdf") != std::string::npos);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TstReport)
#include "tst_report.moc"
