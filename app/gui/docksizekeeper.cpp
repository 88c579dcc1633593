#include "docksizekeeper.h"

#include <QDockWidget>
#include <QEvent>
#include <QLayout>
#include <QMainWindow>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>

#include <algorithm>
#include <array>
#include <cmath>

namespace dci {

namespace {

struct AreaName {
    Qt::DockWidgetArea area;
    const char *key;
};
constexpr std::array kAreas = {AreaName{Qt::LeftDockWidgetArea, "left"}, AreaName{Qt::RightDockWidgetArea, "right"},
                               AreaName{Qt::TopDockWidgetArea, "top"}, AreaName{Qt::BottomDockWidgetArea, "bottom"}};

Qt::Orientation across(Qt::DockWidgetArea area)
{
    return area == Qt::LeftDockWidgetArea || area == Qt::RightDockWidgetArea ? Qt::Horizontal : Qt::Vertical;
}

// A size within a pixel of another is the same (QMainWindow rounds when it shares space).
bool same(int a, int b)
{
    return std::abs(a - b) <= 1;
}

} // namespace

DockSizeKeeper::DockSizeKeeper(QMainWindow *window)
    : QObject(window)
    , m_window(window)
{
    Q_ASSERT(window->centralWidget());
    // The window's own Resize reaches a filter after its layout has placed the docks at
    // the new size (QApplication hands a widget's layout the event before its filters).
    window->installEventFilter(this);
    window->centralWidget()->installEventFilter(this);
}

QVariantMap DockSizeKeeper::preferredSizes() const
{
    QVariantMap sizes;
    for (const AreaName &a : kAreas)
        if (const auto size = preferredSize(a.area))
            sizes.insert(QString::fromLatin1(a.key), *size);
    return sizes;
}

void DockSizeKeeper::setPreferredSizes(const QVariantMap &sizes)
{
    for (const AreaName &a : kAreas) {
        bool ok = false;
        const int size = sizes.value(QString::fromLatin1(a.key)).toInt(&ok);
        if (ok && size > 0)
            m_preferred.insert(a.area, size);
    }
}

std::optional<int> DockSizeKeeper::preferredSize(Qt::DockWidgetArea area) const
{
    if (const auto it = m_preferred.constFind(area); it != m_preferred.cend())
        return it.value();
    return std::nullopt;
}

bool DockSizeKeeper::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize) {
        if (watched == m_window) {
            if (m_preferred.isEmpty()) // the first layout: the sizes the window was built with
                rememberSizes();
            fitDocks();
            m_laidOutSize = m_window->size();
        } else if (watched == m_window->centralWidget() && !m_fitting && m_window->size() == m_laidOutSize) {
            rememberSizes(); // a separator dragged or a dock shown or hidden: the user's sizes
        }
    }
    return QObject::eventFilter(watched, event);
}

QRect DockSizeKeeper::dockingRect() const
{
    QRect rect = m_window->rect();
    if (const QWidget *menu = m_window->menuWidget(); menu && !menu->isHidden())
        rect.setTop(menu->geometry().bottom() + 1);
    if (const QStatusBar *status = m_window->findChild<QStatusBar *>(QString(), Qt::FindDirectChildrenOnly);
        status && !status->isHidden())
        rect.setBottom(status->geometry().top() - 1);
    for (const QToolBar *bar : m_window->findChildren<QToolBar *>(QString(), Qt::FindDirectChildrenOnly)) {
        if (bar->isHidden() || bar->isFloating())
            continue;
        const QRect g = bar->geometry();
        switch (m_window->toolBarArea(bar)) {
        case Qt::TopToolBarArea:
            rect.setTop(std::max(rect.top(), g.bottom() + 1));
            break;
        case Qt::BottomToolBarArea:
            rect.setBottom(std::min(rect.bottom(), g.top() - 1));
            break;
        case Qt::LeftToolBarArea:
            rect.setLeft(std::max(rect.left(), g.right() + 1));
            break;
        case Qt::RightToolBarArea:
            rect.setRight(std::min(rect.right(), g.left() - 1));
            break;
        default:
            break;
        }
    }
    return rect;
}

QDockWidget *DockSizeKeeper::dockIn(Qt::DockWidgetArea area) const
{
    for (QDockWidget *dock : m_window->findChildren<QDockWidget *>(QString(), Qt::FindDirectChildrenOnly))
        if (!dock->isHidden() && !dock->isFloating() && m_window->dockWidgetArea(dock) == area)
            return dock;
    return nullptr;
}

int DockSizeKeeper::currentSize(Qt::DockWidgetArea area) const
{
    // Read off the central widget's edges: a dock's own geometry leaves out the tab bar of
    // docks tabbed together, the area does not.
    const QRect outer = dockingRect();
    const QRect central = m_window->centralWidget()->geometry();
    const int separator = m_window->style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent, nullptr, m_window);
    switch (area) {
    case Qt::LeftDockWidgetArea:
        return central.left() - outer.left() - separator;
    case Qt::RightDockWidgetArea:
        return outer.right() - central.right() - separator;
    case Qt::TopDockWidgetArea:
        return central.top() - outer.top() - separator;
    case Qt::BottomDockWidgetArea:
        return outer.bottom() - central.bottom() - separator;
    default:
        return 0;
    }
}

void DockSizeKeeper::rememberSizes()
{
    for (const AreaName &a : kAreas) {
        if (!dockIn(a.area))
            continue; // an area with no dock shown keeps the size it had
        const int size = currentSize(a.area);
        if (size <= 0)
            continue;
        // An area still at the size the window's last resize gave it has not been touched:
        // its preferred size stands (a dock shown elsewhere must not make a squeezed size
        // the preferred one).
        const auto fitted = m_fitted.constFind(a.area);
        if (fitted != m_fitted.cend() && same(*fitted, size) && m_preferred.contains(a.area))
            continue;
        m_preferred.insert(a.area, size);
        m_fitted.insert(a.area, size);
    }
}

void DockSizeKeeper::fitDocks()
{
    const QRect outer = dockingRect();
    if (outer.isEmpty())
        return;
    const int separator = m_window->style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent, nullptr, m_window);
    m_fitting = true;
    for (const Qt::Orientation orientation : {Qt::Horizontal, Qt::Vertical}) {
        QList<QDockWidget *> docks; // one dock stands for its area (QMainWindow::resizeDocks)
        QList<int> sizes;
        int wanted = 0;
        for (const AreaName &a : kAreas) {
            QDockWidget *dock = dockIn(a.area);
            if (across(a.area) != orientation || !dock || !m_preferred.contains(a.area))
                continue;
            docks << dock;
            sizes << m_preferred.value(a.area);
            wanted += sizes.back();
        }
        if (docks.isEmpty())
            continue;
        const int shared = orientation == Qt::Horizontal ? outer.width() : outer.height();
        const double budget = shared * (1.0 - kCanvasShare) - double(separator) * docks.size();
        if (wanted > budget) {
            const double scale = std::max(0.0, budget) / wanted;
            for (int &size : sizes)
                size = std::max(1, int(std::lround(size * scale)));
        }
        m_window->resizeDocks(docks, sizes, orientation);
    }
    m_window->layout()->activate(); // now, while m_fitting: these are not the user's sizes
    m_fitting = false;
    for (const AreaName &a : kAreas)
        if (dockIn(a.area))
            m_fitted.insert(a.area, currentSize(a.area));
}

} // namespace dci
