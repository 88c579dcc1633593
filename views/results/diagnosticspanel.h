#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace dci {

struct Diagnostic;
struct Results;

// The Diagnostics dock's content: every finding of the engine, errors first, then
// warnings, then notes (engine order within each), each with its severity icon, the
// element it is about and its message (wrapped; the tooltip has it whole, with its code).
// A line above sums them up ("2 errors, 3 warnings") or says "No problems found".
// Five or more findings of one kind (e.g. a PFC warning on 96 spans) are grouped under
// one expandable row ("96 x pfc-headroom"). A pane below shows the current row's whole
// message. Clicking a row that names an element asks the application to select it.
class DiagnosticsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DiagnosticsPanel(QWidget *parent = nullptr);

    enum Column { SeverityColumn, ElementColumn, MessageColumn };
    // Item data role of the element column: the diagnostic's element id ("" for the
    // scenario as a whole).
    static constexpr int ElementIdRole = Qt::UserRole + 1;

    // Replaces the list. Note that this hides QWidget::show(), hence the using.
    using QWidget::show;
    void show(const Results &results);

    QString summaryText() const;
    QTreeWidget *list() const { return m_list; }
    QString detailsText() const;

    // Findings of one code and severity from this many on share one group row.
    static constexpr int kGroupFrom = 5;

signals:
    // The user clicked or activated a row about an element (a site or span id, or "job").
    void elementActivated(const QString &elementId);

private:
    void activate(QTreeWidgetItem *item);

    QTreeWidgetItem *newItem(const Diagnostic &d) const;
    void showDetails(QTreeWidgetItem *item);

    QLabel *m_summary = nullptr;
    QTreeWidget *m_list = nullptr;
    QLabel *m_details = nullptr;
};

} // namespace dci
