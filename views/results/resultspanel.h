#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>

class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace dci {

struct Results;
struct Scenario;
class ResultsTableModel;

// The Results dock's content: what the engine computed, as three sortable tables in tabs,
// one row per site, per span and per demand, in file order until the user sorts by a
// column. Cells round for reading (units in the column headings), tooltips give the full
// value, a missing value (not computed) shows as "–". A span's utilisation cell is
// coloured with the canvas palette (heatpalette.h).
//
// Selecting rows is an intent: elementsSelected() names the sites or spans the user picked
// (a demand stands for the spans of its paths) and the application selects them on the
// canvas, then mirrors the canvas back with selectElements(), which emits nothing.
// show() can follow every re-evaluation: it keeps the sort order, the scroll positions
// and the selected rows (by id).
class ResultsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ResultsPanel(QWidget *parent = nullptr);
    ~ResultsPanel() override;

    // Model columns of each table.
    enum SiteColumn {
        SiteId, SiteName, SiteGpu, SiteGpus, SiteItPower, SiteFacilityPower, SitePue, SitePowerCap,
        SiteColumnCount
    };
    enum SpanColumn {
        SpanId, SpanFrom, SpanTo, SpanLength, SpanLatency, SpanOptic, SpanFiberPairs, SpanWavelengths,
        SpanCapacity, SpanLoad, SpanUtilization, SpanHotLane, SpanStatus,
        SpanColumnCount
    };
    enum DemandColumn {
        DemandFrom, DemandTo, DemandSource, DemandLabel, DemandNeeded, DemandRate, DemandLimit, DemandRtt, DemandGoodput,
        DemandPaths,
        DemandColumnCount
    };
    // Item data roles beyond Qt's. SortRole is what the tables sort by: a double for a
    // numeric column (invalid when missing), the text otherwise. IdRole is the row's
    // element id (a demand's: from, to, source and label).
    enum Role { SortRole = Qt::UserRole + 1, IdRole };

    // Shows a scenario and its results: each table replaces the rows whose figures changed
    // (dataChanged), or all of them when rows came or went. A panel hidden in its window
    // (the dock closed or behind another tab) waits until it is shown or a table is asked
    // for (the accessors below), so a drag does not format tables nobody sees. The panel reads scenario and results again then: both must live
    // until the next show() (the document's own do). This hides QWidget::show(), hence the
    // using.
    using QWidget::show;
    void show(const Scenario &scenario, const Results &results);

    // Selects exactly these rows in the Sites and Spans tables, without emitting
    // elementsSelected. Unknown ids are ignored.
    void selectElements(const QStringList &siteIds, const QStringList &spanIds);

    QTabWidget *tabs() const { return m_tabs; }
    // Each table brought up to date first if it is behind.
    QTableView *sitesTable() const { return freshView(m_sites); }
    QTableView *spansTable() const { return freshView(m_spans); }
    QTableView *demandsTable() const { return freshView(m_demands); }

protected:
    void showEvent(QShowEvent *event) override;

signals:
    // The user selected rows: sites in the Sites table, spans in the Spans table, or
    // demands in the Demands table (siteIds empty, spanIds the spans of their paths).
    void elementsSelected(const QStringList &siteIds, const QStringList &spanIds);

private:
    // One tab: its model (owned, a child of the panel), the sorting proxy and the view.
    struct Table {
        ResultsTableModel *model = nullptr;
        QSortFilterProxyModel *proxy = nullptr;
        QTableView *view = nullptr;
        int tabIndex = -1;
        QString title;
        bool columnsSized = false; // sized to their contents once, then the user's widths
        bool stale = false;        // behind the scenario last shown (refreshed on screen)
        std::optional<QStringList> pendingSelection; // asked for while stale: applied after
    };

    // The table's view, refreshed first when it is stale (the accessors are const to their
    // callers; bringing a table up to date does not change what the panel shows).
    QTableView *freshView(const Table &table) const;
    void refreshIfStale(Table &table);

    void setUpTable(Table &table, ResultsTableModel *model, const QString &title, bool stretchLast);
    void refresh(Table &table, const Scenario &scenario, const Results &results);
    // Ids of the selected rows in file order, and selecting rows by id (no intent emitted).
    QStringList selectedIds(const Table &table) const;
    void selectIds(Table &table, const QStringList &ids, bool scrollTo);
    QStringList spansOfSelectedDemands() const;
    void userSelectionChanged(Table &table);

    QTabWidget *m_tabs = nullptr;
    Table m_sites;
    Table m_spans;
    Table m_demands;
    bool m_silent = false; // true while the panel changes selections itself
    const Scenario *m_scenario = nullptr; // last shown (the caller's, see show())
    const Results *m_shownResults = nullptr;
    bool m_everShown = false; // in a window: while hidden, tables wait until shown
};

} // namespace dci
