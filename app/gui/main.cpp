// dciplanner: the GUI. Parses the command line and hands over to dci_gui.

#include "benchdrag.h"
#include "canvas/canvasexport.h"
#include "mainwindow.h"
#include "screenshot.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

constexpr int kExitUsage = 2;
constexpr int kDefaultBenchMoves = 200;
constexpr int kMaxBenchMoves = 100000;

bool hasArgument(int argc, char **argv, std::initializer_list<const char *> names)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *name : names) {
            if (std::strcmp(argv[i], name) == 0)
                return true;
        }
    }
    return false;
}

// True on X11/Wayland systems when neither a display nor a Qt platform is configured,
// where QApplication would abort. Other systems always have their native platform.
bool noDisplay()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS) && !defined(Q_OS_ANDROID)
    return qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return false;
#endif
}

} // namespace

int main(int argc, char *argv[])
{
    // --help and --version must work without a display: they get a text-only
    // application. Without any display (headless Linux) the offscreen platform lets
    // --screenshot work and bad arguments still get their message and exit code.
    const bool textOnly = hasArgument(argc, argv, {"-h", "--help", "--help-all", "-?", "-v", "--version"});
    const bool headless = noDisplay();
    if (headless)
        qputenv("QT_QPA_PLATFORM", "offscreen");

    std::unique_ptr<QCoreApplication> app;
    if (textOnly)
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("dciplanner"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DCI_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("DCI Planner"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("DCI Planner: plan multi-datacenter AI training over coherent ZR optics."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Open FILE, save the main window as a PNG picture to <OUT.png> and exit."),
        QStringLiteral("OUT.png"));
    parser.addOption(screenshotOption);
    const QCommandLineOption exportOption(
        QStringLiteral("export"),
        QStringLiteral("Open FILE, write File > Export Picture's picture (title, figures, map, legend) to "
                       "<OUT>, PNG, SVG or PDF by its suffix, and exit."),
        QStringLiteral("OUT"));
    parser.addOption(exportOption);
    const QCommandLineOption reportOption(
        QStringLiteral("report"),
        QStringLiteral("Open FILE, write File > Export Report's document to <OUT>, HTML or PDF by its suffix, and exit."),
        QStringLiteral("OUT"));
    parser.addOption(reportOption);
    const QCommandLineOption sizeOption(
        QStringLiteral("size"),
        QStringLiteral("With --export: the picture's size in pixels (CSS pixels for SVG and PDF), default %1x%2.")
            .arg(dci::kExportSize.width())
            .arg(dci::kExportSize.height()),
        QStringLiteral("WxH"));
    parser.addOption(sizeOption);
    const QCommandLineOption dpiOption(
        QStringLiteral("dpi"),
        QStringLiteral("With --export to PNG: pixels per inch, text keeping its printed size (default 96)."),
        QStringLiteral("N"));
    parser.addOption(dpiOption);
    const QCommandLineOption benchDragOption(
        QStringLiteral("bench-drag"),
        QStringLiteral("Open FILE, drag a site through mouse events and print the time from each move to the "
                       "painted frame (median, p90, max ms), then exit."));
    parser.addOption(benchDragOption);
    const QCommandLineOption movesOption(QStringLiteral("moves"),
                                         QStringLiteral("With --bench-drag: mouse moves to time (default %1).")
                                             .arg(kDefaultBenchMoves),
                                         QStringLiteral("N"));
    parser.addOption(movesOption);
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("With --bench-drag: print the figures as JSON."));
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Scenario to open (.json)."),
                                 QStringLiteral("[FILE]"));

    QTextStream err(stderr);
    const auto usageError = [&](const QString &message) {
        err << "dciplanner: " << message << "\nTry 'dciplanner --help'.\n";
        err.flush();
        return kExitUsage;
    };
    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption))
        parser.showHelp(0);
    if (parser.isSet(versionOption))
        parser.showVersion();

    const QStringList files = parser.positionalArguments();
    if (files.size() > 1)
        return usageError(QStringLiteral("expected at most one FILE, got %1").arg(files.size()));
    const QString file = files.value(0);

    if (parser.isSet(reportOption)) {
        if (file.isEmpty())
            return usageError(QStringLiteral("--report needs a FILE to open"));
        if (parser.isSet(exportOption) || parser.isSet(screenshotOption))
            return usageError(QStringLiteral("use one of --report, --export and --screenshot"));
        return dci::renderReport(file, parser.value(reportOption), err);
    }
    if ((parser.isSet(movesOption) || parser.isSet(jsonOption)) && !parser.isSet(benchDragOption))
        return usageError(QStringLiteral("--moves and --json go with --bench-drag"));
    if (parser.isSet(benchDragOption)) {
        if (file.isEmpty())
            return usageError(QStringLiteral("--bench-drag needs a FILE to open"));
        if (parser.isSet(exportOption) || parser.isSet(screenshotOption) || parser.isSet(reportOption))
            return usageError(QStringLiteral("use --bench-drag alone, not with --export, --report or --screenshot"));
        int moves = kDefaultBenchMoves;
        if (parser.isSet(movesOption)) {
            bool ok = false;
            moves = parser.value(movesOption).toInt(&ok);
            if (!ok || moves < 1 || moves > kMaxBenchMoves)
                return usageError(QStringLiteral("--moves: expected a whole number from 1 to %1, got \"%2\"")
                                      .arg(kMaxBenchMoves)
                                      .arg(parser.value(movesOption)));
        }
        QTextStream out(stdout);
        return dci::runBenchDrag(file, moves, parser.isSet(jsonOption), out, err);
    }
    if ((parser.isSet(sizeOption) || parser.isSet(dpiOption)) && !parser.isSet(exportOption))
        return usageError(QStringLiteral("--size and --dpi go with --export"));
    if (parser.isSet(exportOption)) {
        if (file.isEmpty())
            return usageError(QStringLiteral("--export needs a FILE to open"));
        if (parser.isSet(screenshotOption))
            return usageError(QStringLiteral("use --export or --screenshot, not both"));
        QSize size = dci::kExportSize;
        if (parser.isSet(sizeOption)) {
            size = dci::parsePictureSize(parser.value(sizeOption));
            if (!size.isValid())
                return usageError(QStringLiteral("--size: expected WIDTHxHEIGHT in pixels, e.g. 1920x1080, got \"%1\"")
                                      .arg(parser.value(sizeOption)));
        }
        double dpi = dci::PictureOptions::kScreenDpi;
        if (parser.isSet(dpiOption)) {
            bool ok = false;
            dpi = parser.value(dpiOption).toDouble(&ok);
            if (!ok)
                return usageError(QStringLiteral("--dpi: expected a number of pixels per inch, e.g. 300, got \"%1\"")
                                      .arg(parser.value(dpiOption)));
        }
        dci::PictureOptions check;
        check.size_px = size;
        check.dpi = dpi;
        if (const QString problem = dci::checkPictureOptions(check); !problem.isEmpty())
            return usageError(QStringLiteral("--size/--dpi: ") + problem);
        return dci::renderExport(file, parser.value(exportOption), size, dpi, err);
    }
    if (parser.isSet(screenshotOption)) {
        if (file.isEmpty())
            return usageError(QStringLiteral("--screenshot needs a FILE to open"));
        return dci::renderScreenshot(file, parser.value(screenshotOption), dci::kScreenshotSize, err);
    }

    if (headless)
        return usageError(QStringLiteral("no display to open a window on (set DISPLAY or WAYLAND_DISPLAY, "
                                         "or use --screenshot, --export or --report)"));
    QApplication::setWindowIcon(dci::applicationIcon());
    dci::MainWindow window;
    window.show();
    // After the event loop starts, so a load error dialog has its window behind it. First
    // the autosaves of a program that stopped (a restored plan is what opens); else FILE,
    // or without one the last plan, or on a first start the two-campus sample as an
    // untitled copy.
    QTimer::singleShot(0, &window, [&window, file] {
        if (!window.offerRecovery())
            file.isEmpty() ? window.openAtStart() : window.openFile(file);
    });
    return QCoreApplication::exec();
}
