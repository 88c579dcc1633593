#pragma once

// Helpers shared by the GUI tests: a shown main window without modal dialogs, and
// keeping the pictures a test grabs (DCI_GUI_SHOTS_DIR).

#include "mainwindow.h"

#include <QDir>
#include <QImage>
#include <QTest>

#include <memory>

namespace dci::test {

inline constexpr QSize kWindowSize(1400, 900);

inline std::unique_ptr<MainWindow> shownWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->setErrorDialogsEnabled(false);
    window->resize(kWindowSize);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("window not exposed");
    return window;
}

// Saves the picture as DCI_GUI_SHOTS_DIR/name.png when that variable is set.
inline void keepShot(const QImage &image, const QString &name)
{
    const QString dir = qEnvironmentVariable("DCI_GUI_SHOTS_DIR");
    if (!dir.isEmpty())
        image.save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

} // namespace dci::test
