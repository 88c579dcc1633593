#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace dci {

struct Results;

// The Diagnostics dock's content: every finding of the engine, errors first, then
// warnings, then notes (engine order within each), each with its severity icon, the
// element it is about and its message (wrapped; the tooltip has it whole, with its code).
// A line above sums them up ("2 errors, 3 warnings") or says "No problems found".
// Clicking a row that names an element asks the application to select it.
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

signals:
    // The user clicked or activated a row about an element (a site or span id, or "job").
    void elementActivated(const QString &elementId);

private:
    void activate(QTreeWidgetItem *item);

    QLabel *m_summary = nullptr;
    QTreeWidget *m_list = nullptr;
};

} // namespace dci
