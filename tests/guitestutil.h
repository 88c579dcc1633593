#pragma once

// Helpers shared by the GUI tests: a shown main window without modal dialogs, the mouse
// and keyboard as a user drives them, and keeping the pictures a test grabs
// (DCI_GUI_SHOTS_DIR).

#include "canvas/canvasscene.h"
#include "canvas/canvasview.h"
#include "canvas/siteitem.h"
#include "mainwindow.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QMouseEvent>
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

inline QAction *findAction(const QWidget *window, const QString &text)
{
    for (QAction *a : window->findChildren<QAction *>())
        if (a->text().remove(QLatin1Char('&')) == text)
            return a;
    qFatal("no action %s", qPrintable(text));
}

// Mouse events with the button state a real drag has (QTest::mouseMove does not set it).
inline void send(QWidget *w, QEvent::Type type, const QPoint &pos, Qt::MouseButton button, Qt::MouseButtons buttons,
          Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QMouseEvent event(type, QPointF(pos), w->mapToGlobal(QPointF(pos)), button, buttons, modifiers);
    QApplication::sendEvent(w, &event);
}

inline void drag(QWidget *w, const QPoint &from, const QPoint &to, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    constexpr int kSteps = 6;
    send(w, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton, modifiers);
    for (int i = 1; i <= kSteps; ++i)
        send(w, QEvent::MouseMove, from + (to - from) * i / kSteps, Qt::NoButton, Qt::LeftButton, modifiers);
    send(w, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton, modifiers);
}

inline void click(QWidget *w, const QPoint &pos)
{
    send(w, QEvent::MouseButtonPress, pos, Qt::LeftButton, Qt::LeftButton);
    send(w, QEvent::MouseButtonRelease, pos, Qt::LeftButton, Qt::NoButton);
}

// Selects what a field holds, types the text and presses Enter, as a user edits a field.
inline void typeAndEnter(QWidget *field, const QString &text)
{
    field->setFocus();
    if (auto *line = qobject_cast<QLineEdit *>(field))
        line->selectAll();
    else if (auto *spin = qobject_cast<QAbstractSpinBox *>(field))
        spin->selectAll();
    QTest::keyClicks(field, text);
    QTest::keyClick(field, Qt::Key_Return);
}

// Where a site's glyph is drawn, in viewport pixels.
inline QPoint glyphPos(const MainWindow &w, const QString &siteId)
{
    const SiteItem *item = w.canvasScene()->siteItem(siteId);
    if (!item)
        qFatal("no site item %s", qPrintable(siteId));
    return item->deviceTransform(w.canvasView()->viewportTransform()).map(QPointF()).toPoint();
}

// A point of the canvas with no site, span or label under it (the map is background).
inline QPoint emptyCanvasPoint(const MainWindow &window)
{
    const CanvasView *view = window.canvasView();
    constexpr int kStep = 20;
    for (int y = kStep; y < view->viewport()->height(); y += kStep)
        for (int x = kStep; x < view->viewport()->width(); x += kStep)
            if (!view->itemAt(QPoint(x, y)))
                return QPoint(x, y);
    qFatal("no empty point on the canvas");
}

// The whole window as the user sees it, after the layout has caught up and with all the
// map detail its zoom shows (which otherwise arrives in the background, in its own time).
inline void keepShot(MainWindow *window, const QString &name)
{
    if (qEnvironmentVariableIsEmpty("DCI_GUI_SHOTS_DIR"))
        return;
    window->completeMap();
    QCoreApplication::processEvents(); // the status bar and docks lay out as the event loop would
    keepShot(window->grab().toImage(), name);
}

} // namespace dci::test
