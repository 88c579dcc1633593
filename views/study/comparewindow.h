#pragma once

#include "engine/results.h"
#include "io/compare.h"
#include "model/scenario.h"

#include <QWidget>

class QLabel;
class QSplitter;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace dci {

class CanvasScene;
class CanvasView;
class MapLayer;

// The Compare window (issue 14 "Compare two plans", File > Compare With): two plans side by
// side on two read-only canvases whose views move together (zoom or pan one, the other
// follows; a selection in one selects the same elements in the other), the headline figures
// of both with their difference, and what changed per setting, site, span and demand. Every
// figure and change is the core's comparison (io/compare.h), shown as it is.
class CompareWindow : public QWidget
{
    Q_OBJECT

public:
    struct Plan {
        Scenario scenario;
        Results results;
        QString label; // "Two campuses (two-campus-teaching.json)"
    };
    // map: drawn under both canvases (not owned, may be null).
    explicit CompareWindow(const MapLayer *map, QWidget *parent = nullptr);
    ~CompareWindow() override;

    void show(const Plan &a, const Plan &b, const Comparison &comparison);
    using QWidget::show;

    CanvasView *viewA() const { return m_viewA; }
    CanvasView *viewB() const { return m_viewB; }
    QTableWidget *headlineTable() const { return m_headline; }
    QTreeWidget *changesTree() const { return m_changes; }
    QLabel *summary() const { return m_summary; }

    // The rows of the headline table and their columns.
    enum HeadlineColumn { FigureColumn, AColumn, BColumn, DifferenceColumn };
    // Each group of the changes tree holds one row per change of that kind in the core's order.
    enum ChangeGroup { Settings, Sites, Spans, Demands };
    // The group's top-level item, or null when nothing of that kind changed.
    QTreeWidgetItem *changeGroup(ChangeGroup group) const;

public slots:
    // Shows both plans whole, at one zoom.
    void fitBoth();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void follow(CanvasView *from, CanvasView *to);
    void fillHeadline(const Comparison &c);
    void fillChanges(const Plan &a, const Plan &b, const Comparison &c);

    CanvasScene *m_sceneA = nullptr; // children
    CanvasScene *m_sceneB = nullptr;
    CanvasView *m_viewA = nullptr;
    CanvasView *m_viewB = nullptr;
    QLabel *m_titleA = nullptr;
    QLabel *m_titleB = nullptr;
    QLabel *m_summary = nullptr;
    QSplitter *m_tables = nullptr; // the headline figures beside the changes
    QTableWidget *m_headline = nullptr;
    QTreeWidget *m_changes = nullptr;
    QTreeWidgetItem *m_groups[4] = {}; // by ChangeGroup, owned by the tree
    int m_differing = 0;       // headline figures that differ
    bool m_syncing = false;    // one view is following the other
    bool m_userMoved = false;  // the user zoomed or panned: resizing no longer refits
};

} // namespace dci
