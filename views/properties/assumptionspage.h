#pragma once

#include "model/catalog.h"
#include "model/scenario.h"

#include <QString>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace dci {

// The Assumptions page: every figure of the catalog's assumptions, job_defaults and prices
// sections and the two derived keys (kDerivedAssumptionKeys), grouped by section, with the
// catalog's value, its confidence (unverified figures and placeholders marked), this plan's
// override and a reset button; the source in each row's tooltip and in the details beside
// the table.
//
// Like the Properties dock's fields it never changes the scenario: an edited override is
// checked with edits::setAssumption() and emitted as assumptionRequested(key, value);
// the application makes one undo command of it and calls show() again. A value the edit
// refuses is not emitted: its cell turns red and the reason appears under the table
// (lastRefusal()) until the next accepted edit or Escape in the table.
//
// Object names for tests: "assumptionsFilter", "assumptionsTable", "assumptionsRefusal",
// "assumptionsDetails", "reset_<key>" for the reset buttons.
class AssumptionsPage : public QWidget
{
    Q_OBJECT

public:
    enum Column { NameColumn, CatalogColumn, ConfidenceColumn, OverrideColumn, ResetColumn, ColumnCount };
    static constexpr int KeyRole = Qt::UserRole + 1;      // the figure's key (name column)
    static constexpr int OverrideRole = Qt::UserRole + 2; // the override as the editor starts with it
    static constexpr int RefusedRole = Qt::UserRole + 3;  // the override cell's last edit was refused

    explicit AssumptionsPage(QWidget *parent = nullptr);
    ~AssumptionsPage() override;

    // catalog: the catalog without this plan's overrides (the "Catalog" column). Updates
    // the rows in place and emits nothing. Note that this hides QWidget::show().
    void show(const Scenario &scenario, const Catalog &catalog);

    // A value as the page shows an override: "4,194,304", "0.0001", "1e-6".
    static QString formatValue(double value);

    // The row of a figure (nullptr when the catalog has none), for tests and the menu.
    QTreeWidgetItem *row(const QString &key) const;
    // Why the last edit was refused, e.g. "loss_rate: expected a number in [0, 1], got 1.5".
    QString lastRefusal() const { return m_refusal; }

    // The override column's editor hands its text here (the delegate): checks it and emits
    // it, or refuses it in place.
    void commitOverride(const QString &key, const QString &text);

signals:
    // One user edit, one emission. value: none = back to the catalog's value.
    void assumptionRequested(const QString &key, std::optional<double> value);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildRows();
    void updateRow(QTreeWidgetItem *item);
    void updateDetails();
    void applyFilter(const QString &text);
    void refuse(const QString &key, const QString &reason);
    void clearRefusal();
    // The job's own value of a figure it may set (mfu, connections_per_pair, ...), which
    // wins over the assumption; none when the job leaves it to the assumptions.
    std::optional<double> jobValue(const std::string &key) const;
    QString derivedDefault(const std::string &key) const;

    Scenario m_scenario; // what is shown: a copy
    Catalog m_catalog;   // the base catalog
    QString m_refusal;
    QString m_refusedKey;
    bool m_destroying = false;

    QLineEdit *m_filter = nullptr;
    QTreeWidget *m_table = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_details = nullptr;
};

} // namespace dci
