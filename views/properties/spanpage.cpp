#include "spanpage.h"

#include "edit/edits.h"
#include "engine/results.h"
#include "format.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dci {

using namespace fields;

namespace {

constexpr int kMaxCount = 1000; // what the fiber-pair and wavelength fields offer
constexpr double kMinLengthKm = 0.1; // the field's resolution; the format wants > 0
constexpr double kMaxLengthKm = 40'000.0;
constexpr double kLengthSteps = 10.0; // a map length shown to 0.1 km

// Optic entries say what choosing them means: "400ZR · 400 Gb/s · 120 km · $4.5k", the
// price marked when it is a placeholder (issue 13 #18); the tooltip has the source.
void describeOptics(QComboBox *combo, const Catalog &catalog)
{
    for (int i = 0; i < combo->count(); ++i) {
        const Optic *optic = catalog.optic(combo->itemData(i).toString().toStdString());
        if (!optic)
            continue;
        const bool placeholderPrice = std::find(optic->placeholders.begin(), optic->placeholders.end(), "price_usd")
                                      != optic->placeholders.end();
        const QString text = QStringLiteral("%1 · %2 · %3 · %4%5")
                                 .arg(qs(optic->name), formatRate(optic->rate_gbps), formatKm(optic->reach_km),
                                      formatUsd(optic->price_usd), placeholderPrice ? QStringLiteral("*") : QString());
        if (combo->itemText(i) != text)
            combo->setItemText(i, text);
        combo->setItemData(i,
                           QObject::tr("%1: %2 per wavelength, reach %3, %4 a module%5.\nSource: %6")
                               .arg(qs(optic->name), formatRate(optic->rate_gbps), formatKm(optic->reach_km),
                                    formatUsd(optic->price_usd),
                                    placeholderPrice ? QObject::tr(" (a placeholder price)") : QString(),
                                    qs(optic->source)),
                           Qt::ToolTipRole);
    }
}

} // namespace

SpanPage::SpanPage(QWidget *parent)
    : FieldPage(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *box = new QGroupBox(tr("Span"));
    QFormLayout *form = newForm(box);
    m_from = new QLabel;
    m_from->setWordWrap(true);
    m_from->setObjectName(QStringLiteral("spanFrom"));
    addRow(form, tr("From"), m_from, tr("The site at one end of the fiber route (end a)."));
    m_to = new QLabel;
    m_to->setWordWrap(true);
    m_to->setObjectName(QStringLiteral("spanTo"));
    addRow(form, tr("To"), m_to, tr("The site at the other end (end b); traffic flows both ways."));
    m_optic = newCombo(QStringLiteral("spanOptic"));
    addRow(form, tr("Optic"), m_optic, tr("The coherent pluggable (ZR mode) lighting each wavelength."));
    m_band = newCombo(QStringLiteral("spanBand"));
    addRow(form, tr("Band"), m_band, tr("The line system's optical band, which sets how many wavelengths fit."));
    m_pairs = newSpin(QStringLiteral("spanFiberPairs"), 1, kMaxCount);
    m_pairsAuto = newCheck(QStringLiteral("spanFiberPairsAuto"), tr("auto"));
    addRow(form, tr("Fiber pairs"), withCheckBox(m_pairs, m_pairsAuto),
           tr("Fiber pairs lit on the span; auto lets the tool choose enough for the traffic."));
    m_waves = newSpin(QStringLiteral("spanWavelengths"), 1, kMaxCount);
    m_wavesAuto = newCheck(QStringLiteral("spanWavelengthsAuto"), tr("auto"));
    addRow(form, tr("Wavelengths"), withCheckBox(m_waves, m_wavesAuto),
           tr("Lit wavelengths per fiber pair; auto lets the tool choose enough for the traffic."));
    m_length = newDoubleSpin(QStringLiteral("spanLength"), kMinLengthKm, kMaxLengthKm, 1);
    m_lengthAuto = newCheck(QStringLiteral("spanLengthAuto"), tr("from the map"));
    addRow(form, tr("Length (km)"), withCheckBox(m_length, m_lengthAuto),
           tr("Fiber route length; from the map = great-circle distance times the route factor."));
    m_metric = new QLineEdit;
    m_metric->setObjectName(QStringLiteral("spanMetric"));
    setNumberWidth(m_metric);
    m_metricAuto = newCheck(QStringLiteral("spanMetricAuto"), tr("auto"));
    addRow(form, tr("Metric"), withCheckBox(m_metric, m_metricAuto),
           tr("IGP metric (1 to 16,777,215): routing prefers the path of lowest total metric, and ECMP splits "
              "traffic over paths of equal metric. Auto: the span's one-way latency in microseconds."));
    m_down = newCheck(QStringLiteral("spanDown"), tr("out of service"));
    addRow(form, tr("Down"), m_down, tr("A failed span carries no traffic; routing goes around it."));
    layout->addWidget(box);

    auto *results = new QGroupBox(tr("Results"));
    QFormLayout *rform = newForm(results);
    m_lengthUsed = addResultRow(rform, tr("Length used"), tr("The fiber length the evaluation used."));
    m_latency = addResultRow(rform, tr("Latency (one way)"), tr("Propagation delay over the fiber, one direction."));
    m_capacity = addResultRow(rform, tr("Capacity (each way)"), tr("Lit wavelengths times fiber pairs times the optic's rate."));
    m_capacity->setObjectName(QStringLiteral("spanCapacity"));
    m_load = addResultRow(rform, tr("Load (busier way)"), tr("Traffic routed over the span in its busier direction."));
    m_utilisation = addResultRow(rform, tr("Utilisation"), tr("Load over capacity; above 100% the traffic does not fit."));
    m_utilisation->setObjectName(QStringLiteral("spanUtilisation"));
    m_maxWaves = addResultRow(rform, tr("Max wavelengths"), tr("Wavelengths that fit the band on all fiber pairs together."));
    m_reach = addResultRow(rform, tr("Reach"), tr("Whether the optic reaches over the span's length."));
    m_reach->setObjectName(QStringLiteral("spanReach"));
    layout->addWidget(results);
    layout->addStretch(1);

    watchText(m_pairs, [this] { commitCount(false, false); });
    watchText(m_waves, [this] { commitCount(true, false); });
    watchText(m_length, [this] { commitLength(false); });
    watchText(m_metric, [this] { commitMetric(false); });
    watchWheel(m_optic);
    watchWheel(m_band);
    connect(m_optic, &QComboBox::activated, this, [this] { commitChoice(true); });
    connect(m_band, &QComboBox::activated, this, [this] { commitChoice(false); });
    connect(m_pairsAuto, &QCheckBox::clicked, this, [this] { commitCount(false, true); });
    connect(m_wavesAuto, &QCheckBox::clicked, this, [this] { commitCount(true, true); });
    connect(m_lengthAuto, &QCheckBox::clicked, this, [this] { commitLength(true); });
    connect(m_metricAuto, &QCheckBox::clicked, this, [this] { commitMetric(true); });
    connect(m_down, &QCheckBox::clicked, this, [this] { commitDown(); });
}

void SpanPage::show(const Scenario &scenario, const Results &results, const Catalog &catalog, const std::string &spanId)
{
    const QScopedValueRollback updating(m_updating, true);
    m_scenario = &scenario;
    m_catalog = &catalog;
    m_spanId = spanId;
    const Span *found = scenario.span(spanId);
    if (!found)
        return;
    const Span &span = *found;
    const QString element = QStringLiteral("span:") + qs(span.id);
    const auto siteText = [&](const std::string &id) {
        const Site *s = scenario.site(id);
        return s && !s->name.empty() && s->name != id ? tr("%1 (%2)").arg(qs(s->name), qs(id)) : qs(id);
    };
    setLabel(m_from, siteText(span.a));
    setLabel(m_to, siteText(span.b));
    fillChoices(m_optic, catalog.opticNames(), false);
    describeOptics(m_optic, catalog);
    showChoice(m_optic, qs(span.optic));
    fillChoices(m_band, catalog.bandNames(), false);
    showChoice(m_band, qs(span.band));

    const SpanResult *r = nullptr;
    for (const SpanResult &sr : results.spans)
        if (sr.id == span.id)
            r = &sr;

    // An "auto" count shows what the tool chose, greyed, or "auto" before it has.
    const auto showCount = [&](QSpinBox *spin, QCheckBox *autoBox, const std::optional<int> &stored,
                               const std::optional<int> &computed, int &suggestion) {
        suggestion = std::max(1, computed.value_or(stored.value_or(1)));
        showCheck(autoBox, !stored.has_value());
        spin->setEnabled(stored.has_value());
        if (stored) {
            setSpinRange(spin, 1, std::max(kMaxCount, *stored), QString());
            showValue(spin, element, *stored);
        } else {
            setSpinRange(spin, 0, std::max(kMaxCount, computed.value_or(0)), tr("auto"));
            showValue(spin, element, computed.value_or(0));
        }
    };
    showCount(m_pairs, m_pairsAuto, span.fiber_pairs, r ? r->fiber_pairs : std::nullopt, m_pairsSuggestion);
    showCount(m_waves, m_wavesAuto, span.wavelengths, r ? r->wavelengths : std::nullopt, m_wavesSuggestion);

    showCheck(m_lengthAuto, !span.length_km.has_value());
    m_length->setEnabled(span.length_km.has_value());
    const double mapLength = r ? std::round(r->length_km * kLengthSteps) / kLengthSteps : 0.0;
    m_lengthSuggestion = std::max(kMinLengthKm, span.length_km.value_or(mapLength));
    if (span.length_km) {
        setSpinRange(m_length, kMinLengthKm, kMaxLengthKm, QString());
        showValue(m_length, element, *span.length_km);
    } else {
        setSpinRange(m_length, 0.0, kMaxLengthKm, tr("from the map"));
        showValue(m_length, element, mapLength);
    }
    // An auto metric shows the engine's (the latency in microseconds), greyed.
    m_metricSuggestion = r ? r->metric : 1;
    showCheck(m_metricAuto, !span.metric.has_value());
    m_metric->setEnabled(span.metric.has_value());
    showText(m_metric, element, span.metric ? formatNumber(static_cast<double>(*span.metric)) : QString());
    const QString metricPlaceholder = span.metric ? tr("auto") : displayLocale().toString(m_metricSuggestion);
    if (m_metric->placeholderText() != metricPlaceholder)
        m_metric->setPlaceholderText(metricPlaceholder);
    showCheck(m_down, span.down);

    if (!r) {
        const QString none = QStringLiteral("–");
        for (QLabel *l : {m_lengthUsed, m_latency, m_capacity, m_load, m_utilisation, m_maxWaves, m_reach})
            setLabel(l, none);
        return;
    }
    setLabel(m_lengthUsed, r->length_estimated ? tr("%1 (from the map)").arg(formatKm(r->length_km))
                                               : formatKm(r->length_km));
    setLabel(m_latency, formatMs(r->latency_ms));
    setLabel(m_capacity, r->capacity_gbps ? formatGbps(*r->capacity_gbps) : tr("– (not dimensioned)"));
    setLabel(m_load, r->load_gbps ? formatGbps(*r->load_gbps) : tr("–"));
    if (r->utilization)
        setLabel(m_utilisation, displayLocale().toString(*r->utilization * 100.0, 'f', 1) + QStringLiteral(" %"),
                 *r->utilization > 1.0);
    else
        setLabel(m_utilisation, tr("–"));
    if (r->max_wavelengths)
        setLabel(m_maxWaves, r->wavelengths && r->fiber_pairs
                                 ? tr("%1 (%2 lit)").arg(*r->max_wavelengths).arg(*r->wavelengths * *r->fiber_pairs)
                                 : QString::number(*r->max_wavelengths));
    else
        setLabel(m_maxWaves, tr("–"));
    if (!r->reach_ok)
        setLabel(m_reach, tr("–"));
    else if (*r->reach_ok)
        setLabel(m_reach, tr("OK, %1 of %2").arg(formatKm(r->length_km), formatKm(r->reach_km)));
    else
        setLabel(m_reach, tr("too long: %1, reach %2").arg(formatKm(r->length_km), formatKm(r->reach_km)), true);
}

void SpanPage::commitChoice(bool optic)
{
    QComboBox *field = optic ? m_optic : m_band;
    const std::string value = field->currentData().toString().toStdString();
    const Span *span = m_scenario ? m_scenario->span(m_spanId) : nullptr;
    if (!span || (optic ? span->optic : span->band) == value)
        return keep(field);
    if (optic) {
        if (accept(field, tr("Optic"), edits::spanOpticProblem(*m_catalog, value)))
            emit spanOpticRequested(id(), qs(value));
    } else if (accept(field, tr("Band"), edits::spanBandProblem(*m_catalog, value))) {
        emit spanBandRequested(id(), qs(value));
    }
}

void SpanPage::commitCount(bool wavelengths, bool fromCheckBox)
{
    const Span *span = m_scenario ? m_scenario->span(m_spanId) : nullptr;
    if (!span)
        return;
    QSpinBox *spin = wavelengths ? m_waves : m_pairs;
    QCheckBox *autoBox = wavelengths ? m_wavesAuto : m_pairsAuto;
    const std::optional<int> &stored = wavelengths ? span->wavelengths : span->fiber_pairs;
    std::optional<double> value;
    QWidget *field = spin;
    if (fromCheckBox) {
        field = autoBox;
        if (!autoBox->isChecked())
            value = stored.value_or(wavelengths ? m_wavesSuggestion : m_pairsSuggestion);
    } else {
        if (!stored || !isChanged(spin))
            return keep(spin);
        value = spin->value();
    }
    if (wavelengths) {
        if (accept(field, tr("Wavelengths"), value ? edits::spanWavelengthsProblem(*value) : std::string()))
            emit spanWavelengthsRequested(id(), value);
    } else if (accept(field, tr("Fiber pairs"), value ? edits::spanFiberPairsProblem(*value) : std::string())) {
        emit spanFiberPairsRequested(id(), value);
    }
}

void SpanPage::commitLength(bool fromCheckBox)
{
    const Span *span = m_scenario ? m_scenario->span(m_spanId) : nullptr;
    if (!span)
        return;
    std::optional<double> length;
    QWidget *field = m_length;
    if (fromCheckBox) {
        field = m_lengthAuto;
        if (!m_lengthAuto->isChecked())
            length = m_lengthSuggestion;
    } else {
        if (!span->length_km || !isChanged(m_length))
            return keep(m_length);
        length = m_length->value();
    }
    if (accept(field, tr("Length"), length ? edits::spanLengthProblem(*length) : std::string()))
        emit spanLengthRequested(id(), length);
}

void SpanPage::commitMetric(bool fromCheckBox)
{
    const Span *span = m_scenario ? m_scenario->span(m_spanId) : nullptr;
    if (!span)
        return;
    std::optional<qint64> metric;
    QWidget *field = m_metric;
    if (fromCheckBox) {
        // Turning auto off fixes the metric the engine used last.
        field = m_metricAuto;
        if (!m_metricAuto->isChecked())
            metric = span->metric.value_or(m_metricSuggestion);
    } else {
        if (!isChanged(m_metric))
            return keep(m_metric);
        const QString text = m_metric->text().trimmed();
        if (!text.isEmpty()) { // empty = auto
            const std::optional<double> v = parseNumber(text);
            const std::string problem = v ? edits::spanMetricProblem(*v) : std::string();
            if (!v || !problem.empty()) {
                refuse(field, tr("Metric: %1").arg(v ? qs(problem) : tr("expected a whole number from 1 to "
                                                                          "16,777,215, got \"%1\"").arg(text)));
                return;
            }
            metric = static_cast<qint64>(*v);
        }
    }
    if (metric == span->metric)
        return fromCheckBox ? keep(field) : revert(field); // the same metric written differently
    if (accept(field, tr("Metric"), metric ? edits::spanMetricProblem(static_cast<double>(*metric)) : std::string()))
        emit spanMetricRequested(id(), metric);
}

void SpanPage::commitDown()
{
    if (!m_scenario || !m_scenario->span(m_spanId))
        return;
    if (accept(m_down, tr("Down"), std::string()))
        emit spanDownRequested(id(), m_down->isChecked());
}

} // namespace dci
