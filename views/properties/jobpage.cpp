#include "jobpage.h"

#include "edit/edits.h"
#include "fieldnames.h"
#include "model/catalog.h"
#include "model/scenario.h"
#include "plannote.h"
#include "format.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QVBoxLayout>

#include <cmath>
#include <iterator>

namespace dci {

using namespace fields;

namespace {

constexpr int kNumberFieldMinWidth = 110; // room for "70,000,000,000"
constexpr int kPlaceholderDigits = 4;      // a hint, not a value to copy: "default 0.6667"

// Strategies as bits, for the job fields that apply to some of them only.
enum StrategyBit : unsigned {
    Hierarchical = 1u << 0,
    FlatRing = 1u << 1,
    Diloco = 1u << 2,
    StreamingDiloco = 1u << 3,
    Pipeline = 1u << 4,
    AnyStrategy = 0x1fu,
};

unsigned strategyBit(const QString &strategy)
{
    for (std::size_t i = 0; i < std::size(kStrategies); ++i)
        if (strategy == QLatin1String(kStrategies[i]))
            return 1u << i;
    return 0;
}

} // namespace

struct JobPage::Number {
    const char *key;  // scenario key, and the catalog job_defaults key of its default
    QString label;    // form label, with the unit
    QString tip;
    double Job::*required = nullptr;                // model_params, tokens_per_step
    std::optional<double> Job::*optional = nullptr; // the others: empty = the default
    unsigned strategies = AnyStrategy;
    QLabel *labelWidget = nullptr;
    QLineEdit *edit = nullptr;

    std::optional<double> get(const Job &job) const
    {
        return required ? std::optional<double>(job.*required) : job.*optional;
    }
    // In messages: "MFU", "Model parameters".
    QString fieldName() const { return capitalised(jobNumberName(QLatin1String(key))); }
};

JobPage::JobPage(QWidget *parent)
    : FieldPage(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_plan = new PlanNote;
    connect(m_plan, &PlanNote::nameRequested, this, &JobPage::planNameRequested);
    connect(m_plan, &PlanNote::descriptionRequested, this, &JobPage::planDescriptionRequested);
    layout->addWidget(m_plan);

    m_jobGroup = new QGroupBox(tr("Training job"));
    m_form = newForm(m_jobGroup);
    m_strategy = newCombo(QStringLiteral("jobStrategy"));
    fillChoices(m_strategy, names(kStrategies), true);
    addRow(m_form, tr("Strategy"), m_strategy, tr("How the DCs share the training: what crosses the DCI and how often."));
    m_dcPattern = newCombo(QStringLiteral("jobDcPattern"));
    fillChoices(m_dcPattern, names(kDcPatterns), true);
    addRow(m_form, tr("DC pattern"), m_dcPattern,
           tr("Whether every DC pair exchanges directly or each DC talks to its ring neighbours."));

    const unsigned dilocoKinds = Diloco | StreamingDiloco;
    m_numbers = {
        {"model_params", tr("Model parameters"), tr("Parameter count of the model, e.g. 70e9 or 70B."),
         &Job::model_params, nullptr, AnyStrategy},
        {"tokens_per_step", tr("Tokens per step"),
         tr("Global batch in tokens per optimizer step, e.g. 16,777,216 (16M)."), &Job::tokens_per_step, nullptr,
         AnyStrategy},
        {"total_tokens", tr("Total tokens"),
         tr("Tokens to train on, e.g. 15T; gives the training time. Empty: no training time."), nullptr,
         &Job::total_tokens, AnyStrategy},
        {"mfu", tr("MFU (fraction)"), tr("Model FLOPs utilisation: the share of the GPUs' peak the job reaches."),
         nullptr, &Job::mfu, AnyStrategy},
        {"overlap", tr("Overlap (fraction)"),
         tr("Share of the step's compute a per-step exchange can hide behind. Empty: 2/3, the backward pass, "
            "when gradients exist."),
         nullptr, &Job::overlap, AnyStrategy},
        {"grad_bytes", tr("Gradient (B/param)"), tr("Bytes per gradient element exchanged every step (2 = BF16)."),
         nullptr, &Job::grad_bytes, Hierarchical | FlatRing},
        {"sync_bytes", tr("Sync (B/param)"),
         tr("Bytes per pseudo-gradient element at an outer sync (4 fp32, 2 bf16, 1 int8, 0.5 fp4)."), nullptr,
         &Job::sync_bytes, dilocoKinds},
        {"inner_steps", tr("Inner steps H"), tr("Local optimizer steps between two outer syncs (a whole number)."),
         nullptr, &Job::inner_steps, dilocoKinds},
        {"fragments", tr("Fragments F"),
         tr("Parts the model is synced in, one every H/F steps; at most the inner steps."), nullptr, &Job::fragments,
         StreamingDiloco},
        {"overlap_steps", tr("Overlap (steps)"), tr("Steps of compute a sync may run behind before the job waits for it."),
         nullptr, &Job::overlap_steps, dilocoKinds},
        {"hidden_size", tr("Hidden size"),
         tr("The model's hidden dimension, which sizes the activations sent between stages."), nullptr,
         &Job::hidden_size, Pipeline},
        {"act_bytes", tr("Activation (B/element)"),
         tr("Bytes per activation element sent between pipeline stages (2 = BF16)."), nullptr, &Job::act_bytes,
         Pipeline},
        {"microbatches", tr("Micro-batches"), tr("Micro-batches per step; more of them shrink the pipeline bubble."),
         nullptr, &Job::microbatches, Pipeline},
        {"connections_per_pair", tr("Connections per DC pair"),
         tr("Transport connections (queue pairs) between two DCs, a whole number: each has at most one window "
            "in flight, so they cap a DC pair's rate over distance. Empty: derived from the job (ranks x "
            "channels x queue pairs; 8 for the flat ring)."),
         nullptr, &Job::connections_per_pair, AnyStrategy},
        {"flows_per_pair", tr("Flows per DC pair"),
         tr("Flows the DCI hash sees between two DCs (ECMP imbalance). Empty: one per connection; fewer when "
            "traffic is tunnelled between DCI gateways."),
         nullptr, &Job::flows_per_pair, AnyStrategy},
    };
    for (std::size_t i = 0; i < m_numbers.size(); ++i) {
        Number &n = m_numbers[i];
        n.edit = new QLineEdit;
        n.edit->setObjectName(QStringLiteral("job_") + QLatin1String(n.key));
        n.edit->setMinimumWidth(kNumberFieldMinWidth);
        n.labelWidget = addRow(m_form, n.label, n.edit, n.tip);
        watchText(n.edit, [this, i] { commitNumber(i); });
    }

    m_transport = newCombo(QStringLiteral("jobTransport"));
    fillChoices(m_transport, names(kTransports), true);
    addRow(m_form, tr("Transport"), m_transport,
           tr("How RDMA recovers a lost packet: resend the window (go-back-N) or only the lost packet."));
    layout->addWidget(m_jobGroup);

    m_noJob = new QGroupBox(tr("Training job"));
    {
        auto *noJob = new QVBoxLayout(m_noJob);
        auto *text = new QLabel(tr("This scenario has no training job: only its explicit demands load the network."));
        text->setWordWrap(true);
        m_addJob = new QPushButton(tr("Add a training job"));
        m_addJob->setObjectName(QStringLiteral("addJob"));
        m_addJob->setToolTip(tr("Adds a 70B-parameter job with a 16M-token batch; edit its fields afterwards."));
        noJob->addWidget(text);
        noJob->addWidget(m_addJob, 0, Qt::AlignLeft);
    }
    layout->addWidget(m_noJob);

    auto *routing = new QGroupBox(tr("Routing"));
    QFormLayout *rform = newForm(routing);
    m_policy = newCombo(QStringLiteral("routingPolicy"));
    fillChoices(m_policy, names(kRoutingPolicies), true);
    addRow(rform, tr("Policy"), m_policy, tr("How demands pick their paths through the spans."));
    m_loadBalancing = newCombo(QStringLiteral("routingLoadBalancing"));
    fillChoices(m_loadBalancing, names(kLoadBalancing), true);
    addRow(rform, tr("Load balancing"), m_loadBalancing,
           tr("How a span spreads flows over its wavelengths: by flow hash or per packet."));
    layout->addWidget(routing);
    layout->addStretch(1);

    const struct {
        QComboBox *combo;
        const char *key;
        bool routing;
    } choices[] = {{m_strategy, "strategy", false},       {m_dcPattern, "dc_pattern", false},
                   {m_transport, "transport", false},     {m_policy, "policy", true},
                   {m_loadBalancing, "load_balancing", true}};
    for (const auto &c : choices) {
        watchWheel(c.combo);
        connect(c.combo, &QComboBox::activated, this,
                [this, c] { commitChoice(c.combo, QLatin1String(c.key), c.routing); });
    }
    connect(m_addJob, &QPushButton::clicked, this, [this] {
        if (m_scenario && !m_scenario->job && accept(m_addJob, tr("Training job"), std::string()))
            emit jobAddRequested();
    });
}

JobPage::~JobPage() = default;

void JobPage::show(const Scenario &scenario, const Catalog &catalog)
{
    const QScopedValueRollback updating(m_updating, true);
    m_scenario = &scenario;
    m_catalog = &catalog;
    m_plan->show(scenario);
    showChoice(m_policy, qs(scenario.routing.policy));
    showChoice(m_loadBalancing, qs(scenario.routing.load_balancing));
    m_jobGroup->setVisible(scenario.job.has_value());
    m_noJob->setVisible(!scenario.job.has_value());
    if (!scenario.job)
        return;
    const Job &job = *scenario.job;
    const JobParams resolved = resolveJob(job, catalog, scenario.assumptions);
    const QString element = QStringLiteral("job");
    showChoice(m_strategy, qs(job.strategy));
    showChoice(m_dcPattern, qs(job.dc_pattern));
    showChoice(m_transport, qs(job.transport));
    for (Number &n : m_numbers) {
        const std::optional<double> v = n.get(job);
        showText(n.edit, element, v ? formatNumber(*v) : QString());
        if (n.required)
            continue;
        // Unset optional fields follow the catalog (or the scenario's assumptions).
        QString placeholder;
        if (n.optional == &Job::connections_per_pair) {
            placeholder = resolved.connections_from == "assumptions"
                ? tr("plan's %1").arg(formatNumber(resolved.connections_per_pair))
                : tr("derived %1").arg(formatNumber(resolved.connections_per_pair));
        } else if (n.optional == &Job::flows_per_pair) {
            placeholder = resolved.flows_from == "assumptions"
                ? tr("plan's %1").arg(formatNumber(resolved.flows_per_pair))
                : tr("= connections");
        } else if (const Figure *fig = catalog.findFigure(n.key)) {
            placeholder = tr("default %1").arg(fig->value == std::floor(fig->value)
                                                   ? formatNumber(fig->value)
                                                   : displayLocale().toString(fig->value, 'g', kPlaceholderDigits));
        } else if (std::string(n.key) == "overlap_steps") {
            // docs/MODEL.md "Traffic": streaming DiLoCo overlaps one inner step; vanilla
            // DiLoCo waits for its outer sync unless overlap_steps is given.
            placeholder = job.strategy == "streaming-diloco" ? tr("default 1") : tr("none: the sync blocks");
        } else {
            placeholder = tr("none");
        }
        if (n.edit->placeholderText() != placeholder)
            n.edit->setPlaceholderText(placeholder);
    }
    updateVisibility(qs(job.strategy));
}

void JobPage::updateVisibility(const QString &strategy)
{
    const unsigned bit = strategyBit(strategy);
    // Every row is set, not only those whose row flag differs: the flag and the widgets'
    // own visibility could disagree, and setRowVisible() is cheap when nothing changes.
    for (const Number &n : m_numbers)
        m_form->setRowVisible(n.edit, (n.strategies & bit) != 0);
    const bool pattern = (bit & (Hierarchical | Diloco | StreamingDiloco)) != 0;
    if (m_form->isRowVisible(m_dcPattern) != pattern)
        m_form->setRowVisible(m_dcPattern, pattern);
}

void JobPage::commitNumber(std::size_t index)
{
    const Number &n = m_numbers[index];
    QLineEdit *field = n.edit;
    if (!m_scenario || !m_scenario->job || !isChanged(field))
        return keep(field);
    const QString text = field->text().trimmed();
    const QString fieldName = n.fieldName();
    std::optional<double> value;
    if (text.isEmpty()) {
        if (n.required) {
            refuse(field, tr("%1: a value is required").arg(fieldName));
            return;
        }
    } else {
        value = parseNumber(text);
        if (!value) {
            refuse(field,
                   tr("%1: expected a number such as 0.4, 16777216, 70e9 or 70B, got \"%2\"").arg(fieldName, text));
            return;
        }
    }
    const Job &job = *m_scenario->job;
    if (value == n.get(job))
        return revert(field); // the same number written differently
    const QString key = QLatin1String(n.key);
    if (n.optional == &Job::connections_per_pair) {
        if (accept(field, fieldName, value ? edits::jobConnectionsProblem(*value) : std::string()))
            emit jobConnectionsRequested(value);
        return;
    }
    if (accept(field, fieldName, edits::jobNumberProblem(job, n.key, value)))
        emit jobNumberRequested(key, value);
}

void JobPage::commitChoice(QComboBox *combo, const QString &key, bool routing)
{
    if (!m_scenario || (!routing && !m_scenario->job))
        return;
    const QString value = combo->currentData().toString();
    const std::string stored = routing ? (key == QLatin1String("policy") ? m_scenario->routing.policy
                                                                         : m_scenario->routing.load_balancing)
                                       : (key == QLatin1String("strategy")     ? m_scenario->job->strategy
                                          : key == QLatin1String("dc_pattern") ? m_scenario->job->dc_pattern
                                                                               : m_scenario->job->transport);
    if (stored == value.toStdString())
        return keep(combo);
    const QString what = keywordFieldName(key);
    if (routing) {
        if (accept(combo, what, edits::routingProblem(key.toStdString(), value.toStdString())))
            emit routingRequested(key, value);
        return;
    }
    if (!accept(combo, what, edits::jobTextProblem(key.toStdString(), value.toStdString())))
        return;
    emit jobTextRequested(key, value);
    if (combo == m_strategy)
        updateVisibility(value); // at once, even before show() follows
}

} // namespace dci
