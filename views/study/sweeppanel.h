#pragma once

#include "charts/sweepcharts.h"
#include "engine/sweep.h"
#include "planlabels.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <QElapsedTimer>
#include <QWidget>

#include <atomic>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTabWidget;
class QTableWidget;
class QThread;

namespace dci {

// The Sweep window (issue 14 "Sweeps", View > Sweep): one parameter of the open plan
// stepped over a range, each point evaluated by the core's runSweep on a worker thread
// (progress, Cancel), then plotted (SweepCharts) and tabled; Export CSV writes the CLI's
// `sweep --csv`. The panel works on a copy of the plan: a sweep never changes it.
class SweepPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SweepPanel(QWidget *parent = nullptr);
    ~SweepPanel() override; // cancels a running sweep and waits for it

    // The plan to sweep (copied) and the catalog it is evaluated with. The parameter
    // list follows it; a sweep already shown is kept and marked as older than the plan.
    void setPlan(const Scenario &scenario, const Catalog &catalog, const QString &planName);

    enum RangeKind { Linear, Geometric, List };

    // The values the form asks for, or why it cannot run (shown under the range).
    struct Request {
        std::optional<SweepParam> param;
        std::vector<SweepValue> values;
        QString refusal;
    };
    Request request() const;

    // Chooses a parameter by its path ("spans/a-b/length_km"); false when the plan has none.
    bool selectParam(const QString &path);

    bool isRunning() const { return m_thread != nullptr; }
    const SweepResult &result() const { return m_result; }
    // Writes the shown sweep as the CLI's `sweep --csv` does (io/sweepreport.h).
    bool exportCsv(const QString &path, QString *error) const;

    QComboBox *paramCombo() const { return m_param; }
    QComboBox *rangeKindCombo() const { return m_rangeKind; }
    QLineEdit *fromField() const { return m_from; }
    QLineEdit *toField() const { return m_to; }
    QLineEdit *pointsField() const { return m_points; }
    QLineEdit *factorField() const { return m_factor; }
    QLineEdit *valuesField() const { return m_values; }
    QList<QCheckBox *> opticBoxes() const { return m_opticBoxes; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *exportButton() const { return m_export; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *rangeNote() const { return m_rangeNote; }
    QLabel *statusLabel() const { return m_status; }
    QTabWidget *tabs() const { return m_tabs; }
    SweepCharts *charts() const { return m_charts; }
    QTableWidget *table() const { return m_table; }

public slots:
    void run();
    void cancel();

signals:
    // A sweep ended, complete or cancelled; result() holds its points.
    void finished();

private:
    void fillParams();
    void fillOptics();
    void updateForm();
    void showProgress(std::size_t done, std::size_t total);
    void adopt(SweepResult result, const SweepParamLabel &label, SweepCharts::Axis axis, qint64 elapsedMs);
    void fillTable(const QString &valueHeading);
    void exportDialog();
    void setRunning(bool running);

    Scenario m_scenario;
    Catalog m_catalog;
    QString m_planName;

    QStandardItemModel *m_paramModel = nullptr;
    QComboBox *m_param = nullptr;
    QComboBox *m_rangeKind = nullptr;
    QWidget *m_numberRange = nullptr; // from, to and points or factor, or the list
    QLineEdit *m_from = nullptr;
    QLineEdit *m_to = nullptr;
    QLabel *m_pointsLabel = nullptr;
    QLineEdit *m_points = nullptr;
    QLabel *m_factorLabel = nullptr;
    QLineEdit *m_factor = nullptr;
    QLineEdit *m_values = nullptr;
    QWidget *m_optics = nullptr;
    QList<QCheckBox *> m_opticBoxes;
    QLabel *m_rangeNote = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_export = nullptr;
    QTabWidget *m_tabs = nullptr;
    SweepCharts *m_charts = nullptr;
    QTableWidget *m_table = nullptr;

    SweepResult m_result;
    bool m_hasResult = false;
    QThread *m_thread = nullptr;       // the running sweep; deletes itself when done
    std::atomic<bool> m_cancelFlag{false}; // read by the worker (Progress::cancel)
    QElapsedTimer m_clock;
};

} // namespace dci
