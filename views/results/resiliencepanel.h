#pragma once

#include "engine/resilience.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <QHash>
#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QThread;

namespace dci {

// The N-1 dock (View > N-1, issue 14): fails every span, every shared-risk group and, if
// asked, every site in turn (core/engine/resilience.h), on a worker thread with progress
// and Cancel, and lists the cases worst first. "Colour spans by N-1" asks the canvas to
// colour each span by the worst utilisation its own failure causes; choosing a case asks
// the application to show that failure on the canvas. The analysis runs on a copy of the
// plan; after an edit the list says it is out of date until run again.
class ResiliencePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ResiliencePanel(QWidget *parent = nullptr);
    ~ResiliencePanel() override;

    // The plan to analyse (base: the catalog before its assumptions, outliving the panel).
    // A different plan than the one analysed marks the results out of date.
    void setPlan(const Scenario &scenario, const Catalog &base);

    // Starts the analysis (what Run does); returns at once. finished() follows.
    void run();
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }
    bool isStale() const { return m_stale; }

    const ResilienceResult &result() const { return m_result; }
    // Span id -> the worst utilisation anywhere when that span alone fails (the colours of
    // "Colour spans by N-1"); empty before a run.
    QHash<QString, double> spanColours() const;
    bool colouring() const;

    QTableWidget *table() const { return m_table; }
    QCheckBox *sitesBox() const { return m_sites; }
    QCheckBox *colourBox() const { return m_colour; }
    QPushButton *runButton() const { return m_run; }
    // Clears the chosen case: caseChosen(-1), the canvas shows the plan again.
    void showPlan();

signals:
    void finished();
    // "Colour spans by N-1" turned on (colours) or off (empty), or new results while on.
    void colouringChanged(const QHash<QString, double> &spanColours);
    // The user chose a case in the list (or none, index -1: back to the plan).
    void caseChosen(int index);

private:
    void showResult();
    void updateState();

    const Scenario *m_scenario = nullptr; // the caller's (the document's), alive until the next setPlan()
    const Catalog *m_base = nullptr;
    Scenario m_analysed; // the plan the results are for
    ResilienceResult m_result;
    bool m_hasResult = false;
    bool m_stale = false;
    QThread *m_thread = nullptr;
    std::unique_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<std::size_t>> m_done;
    std::shared_ptr<std::atomic<std::size_t>> m_total;

    QPushButton *m_run = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_back = nullptr;
    QCheckBox *m_sites = nullptr;
    QCheckBox *m_colour = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_summary = nullptr;
    QTableWidget *m_table = nullptr;
};

} // namespace dci
