#pragma once

#include "chartdata.h"
#include "engine/sensitivity.h"
#include "model/scenario.h"

#include <QWidget>

#include <atomic>
#include <map>
#include <memory>
#include <string>

class QChart;
class QChartView;
class QComboBox;
class QPushButton;
class QThread;
class QLabel;
class QStandardItemModel;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace dci {

// The Charts dock (issue 14): the demand matrix, span utilisation bars, the step-time
// split and the cost by item with the bill of materials. It reads Results only
// (chartdata.h) and emits intents: clicking a bar or a matrix cell names the spans the
// user means, and the application selects them on the canvas and in the tables.
// While hidden it only notes that it is out of date, so edits stay instant.
class ChartsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ChartsPanel(QWidget *parent = nullptr);
    ~ChartsPanel() override;

    enum Tab { MatrixTab, UtilisationTab, StepTab, CostTab, SensitivityTab };

    // targetUtilization: the catalog's target_utilization as this plan sees it, drawn
    // as a line on the utilisation chart.
    using QWidget::show;
    void show(const Scenario &scenario, const Results &results, double targetUtilization);

    // The hottest spans get a bar, as many as the chart's height fits between these;
    // the chart's title says how many of how many.
    static constexpr int kMinBars = 4;
    static constexpr int kMaxBars = 20;

    // The unit the cost chart counts in for its largest item (bar values are USD / divisor).
    struct CostUnit {
        double divisor_usd;
        QString name;
    };
    static CostUnit costUnit(double largestUsd);

    QTabWidget *tabs() const { return m_tabs; }
    QStandardItemModel *matrixModel() const { return m_matrixModel; }
    QChart *utilisationChart() const;
    QChart *stepChart() const;
    QChart *costChart() const;
    QTableWidget *bomTable() const { return m_bom; }
    QLabel *stepSummary() const { return m_stepSummary; }
    QLabel *costSummary() const { return m_costSummary; }
    QChart *tornadoChart() const;
    QPushButton *sensitivityRunButton() const { return m_sensitivityRun; }
    QComboBox *sensitivityMetric() const { return m_sensitivityMetric; }
    const SensitivityResult &sensitivity() const { return m_sensitivity; }
    // The tornado's figures (rows of sensitivity()), top to bottom.
    static constexpr int kTornadoRows = 12;
    // The span ids behind the utilisation chart's bars, hottest (top) first.
    const QStringList &barSpans() const { return m_barSpans; }

    // Whether the user can see the panel (its dock's visibilityChanged).
    void setOnScreen(bool onScreen);
    bool isOnScreen() const { return m_onScreen; }

signals:
    void sensitivityFinished();
    // The user clicked a span's bar (spanIds: it) or a matrix cell (the spans its
    // demands are routed over).
    void elementsSelected(const QStringList &siteIds, const QStringList &spanIds);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    int barsThatFit() const;
    void rebuild();
    void buildMatrix();
    void buildUtilisation();
    void buildStep();
    void buildCost();
    QString siteName(const std::string &id) const;

    QTabWidget *m_tabs = nullptr;
    QStandardItemModel *m_matrixModel = nullptr;
    QTableView *m_matrix = nullptr;
    QChartView *m_utilisation = nullptr;
    QChartView *m_step = nullptr;
    QLabel *m_stepSummary = nullptr;
    QChartView *m_cost = nullptr;
    QLabel *m_costSummary = nullptr;
    QTableWidget *m_bom = nullptr;
    QStringList m_barSpans;

    std::map<std::string, std::string> m_siteNames; // id -> name
    // The plan last shown, the caller's (the document's): read when the panel is rebuilt and
    // when the sensitivity analysis starts, never copied per edit. They live until the next
    // show().
    const Results *m_shown = nullptr;
    const Scenario *m_scenario = nullptr;

    // Sensitivity (a tornado): core analyseSensitivity on a worker thread.
    void buildSensitivityTab();
    void runSensitivity();
    void drawTornado();
    QChartView *m_tornado = nullptr;
    QPushButton *m_sensitivityRun = nullptr;
    QComboBox *m_sensitivityMetric = nullptr;
    QLabel *m_sensitivityNote = nullptr;
    QThread *m_sensitivityThread = nullptr;
    std::unique_ptr<std::atomic<bool>> m_sensitivityCancel;
    SensitivityResult m_sensitivity;
    bool m_hasSensitivity = false;
    double m_target = 1.0;
    bool m_stale = false;
    bool m_onScreen = false;
};

} // namespace dci
