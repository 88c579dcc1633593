#pragma once

#include <QHash>
#include <QObject>
#include <QRect>
#include <QSize>
#include <QVariantMap>

#include <optional>

class QDockWidget;
class QMainWindow;

namespace dci {

// Lets a main window's docks give way when the window is made small and gives them back
// the sizes the user chose when it grows again (issue 13 #17). QMainWindow on its own
// takes every lost pixel from the central widget first and gives every gained pixel back
// to it, so a small window left the canvas a strip and a restored one kept squeezed docks.
//
// The central widget keeps at least kCanvasShare of the width and of the height it shares
// with the dock areas; beyond that the dock areas shrink in proportion to their preferred
// sizes (never below what their docks need: QMainWindow enforces the minimums). A
// preferred size is the size an area had when the window size last held still: a
// separator drag, a dock shown or hidden. Window resizes never change them.
class DockSizeKeeper : public QObject
{
    Q_OBJECT

public:
    static constexpr double kCanvasShare = 0.6;

    // Watches `window` (which owns the keeper) and its central widget, which must be set.
    explicit DockSizeKeeper(QMainWindow *window);

    // Pixels across each dock area (its width for the left and right areas, its height
    // for the top and bottom ones) as the user last set them; empty until the window has
    // been laid out once. For QSettings: keys "left", "right", "top", "bottom".
    QVariantMap preferredSizes() const;
    void setPreferredSizes(const QVariantMap &sizes);
    std::optional<int> preferredSize(Qt::DockWidgetArea area) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The rectangle the central widget and the dock areas share (the window less its
    // menu bar, toolbars and status bar).
    QRect dockingRect() const;
    // A dock shown in the area and not floating, or null.
    QDockWidget *dockIn(Qt::DockWidgetArea area) const;
    int currentSize(Qt::DockWidgetArea area) const;
    void rememberSizes();
    void fitDocks();

    QMainWindow *m_window;
    QHash<int, int> m_preferred; // Qt::DockWidgetArea -> pixels across
    QHash<int, int> m_fitted;    // each area's size after the last fit
    QSize m_laidOutSize;         // the window size the docks were last fitted to
    bool m_fitting = false;
};

} // namespace dci
