#pragma once

#include "fieldpage.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace dci {

class Catalog;
class PlanNote;
struct Scenario;

// The Properties dock's page for the whole plan (shown when nothing is selected): its name
// and description (PlanNote), the training job's fields, shown for the strategies they
// apply to, or a button that adds a job, and the routing. Each field emits its own typed
// intent (FieldPage says when), checked with the core's rule first. Object names:
// "jobStrategy", "jobDcPattern", "jobTransport", "job_<key>" for the job's numbers
// ("job_mfu", "job_connections_per_pair"), "addJob", "routingPolicy",
// "routingLoadBalancing", "planName", "planDescription".
class JobPage : public FieldPage
{
    Q_OBJECT

public:
    explicit JobPage(QWidget *parent = nullptr);
    ~JobPage() override;

    // catalog: the scenario's effective catalog. scenario and catalog must live until the
    // next show(). Emits nothing.
    void show(const Scenario &scenario, const Catalog &catalog);

signals:
    // A number of the job by its file key (edits::jobNumberProblem); none = the default.
    void jobNumberRequested(const QString &key, std::optional<double> value);
    // connections: none = derived from the job (docs/MODEL.md "Traffic").
    void jobConnectionsRequested(std::optional<double> connections);
    // "strategy", "dc_pattern" or "transport" and its keyword.
    void jobTextRequested(const QString &key, const QString &value);
    // "policy" or "load_balancing" and its keyword.
    void routingRequested(const QString &key, const QString &value);
    void jobAddRequested();
    void planNameRequested(const QString &name);
    void planDescriptionRequested(const QString &description);

private:
    struct Number;

    void updateVisibility(const QString &strategy);
    void commitNumber(std::size_t index);
    void commitChoice(QComboBox *combo, const QString &key, bool routing);

    const Scenario *m_scenario = nullptr;
    const Catalog *m_catalog = nullptr;

    PlanNote *m_plan = nullptr;
    QGroupBox *m_jobGroup = nullptr;
    QFormLayout *m_form = nullptr;
    QWidget *m_noJob = nullptr;
    QPushButton *m_addJob = nullptr;
    QComboBox *m_strategy = nullptr;
    QComboBox *m_dcPattern = nullptr;
    QComboBox *m_transport = nullptr;
    std::vector<Number> m_numbers;
    QComboBox *m_policy = nullptr;
    QComboBox *m_loadBalancing = nullptr;
};

} // namespace dci
