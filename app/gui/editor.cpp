#include "editor.h"

#include "document.h"
#include "edit/edits.h"
#include "format.h"
#include "properties/assumptionspage.h"
#include "properties/fieldnames.h"
#include "properties/propertiespanel.h"

namespace dci {

namespace {

constexpr int kCountDigits = 12; // every whole count a field takes, written out

std::string toStd(const QString &s) { return s.toStdString(); }

std::vector<std::string> toStd(const QStringList &list)
{
    std::vector<std::string> out;
    out.reserve(static_cast<std::size_t>(list.size()));
    for (const QString &s : list)
        out.push_back(s.toStdString());
    return out;
}

// The edits that cannot be refused return a scenario; as an outcome they are accepted.
edits::Edited accepted(Scenario scenario) { return {std::move(scenario), {}}; }

// A count in an undo text as typed: "8", "1000".
QString count(double v) { return QString::number(v, 'g', kCountDigits); }

} // namespace

Editor::Editor(Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
{
}

bool Editor::apply(const QString &description, const edits::Edited &outcome, const QString &mergeKey)
{
    if (!outcome.ok()) {
        emit refused(QString::fromStdString(outcome.error));
        return false;
    }
    if (outcome.scenario == m_document->scenario())
        return false; // nothing to undo
    QString reason;
    if (!m_document->applyEdit(description, outcome.scenario, &reason, mergeKey)) {
        if (!reason.isEmpty())
            emit refused(reason);
        return false;
    }
    return true;
}

QString Editor::siteLabel(const QString &siteId) const
{
    if (const Site *site = m_document->scenario().site(toStd(siteId)); site && !site->name.empty())
        return QString::fromStdString(site->name);
    return siteId;
}

// ---- the canvas and the menus ---------------------------------------------------------------

QString Editor::addSite(double lat_deg, double lon_deg)
{
    if (!m_document->hasScenario())
        m_document->newScenario();
    std::string id;
    const Scenario after = edits::addSite(m_document->scenario(), m_document->catalog(), lat_deg, lon_deg, &id);
    return apply(tr("Add site"), accepted(after)) ? QString::fromStdString(id) : QString();
}

QString Editor::addNamedSite(const QString &name, double lat_deg, double lon_deg)
{
    if (!m_document->hasScenario())
        m_document->newScenario();
    std::string id;
    const Scenario after =
        edits::addNamedSite(m_document->scenario(), m_document->catalog(), toStd(name), lat_deg, lon_deg, &id);
    return apply(tr("Add site at %1").arg(name), accepted(after)) ? QString::fromStdString(id) : QString();
}

QString Editor::addSpan(const QString &a, const QString &b)
{
    std::string id;
    const Scenario after = edits::addSpan(m_document->scenario(), m_document->catalog(), toStd(a), toStd(b), &id);
    if (id.empty())
        return QString(); // unknown sites or a == b
    return apply(tr("Add span %1 – %2").arg(siteLabel(a), siteLabel(b)), accepted(after)) ? QString::fromStdString(id)
                                                                                           : QString();
}

bool Editor::moveSites(const QStringList &ids, const QList<QPointF> &positions, bool finished)
{
    std::vector<edits::Position> moved;
    for (qsizetype i = 0; i < ids.size() && i < positions.size(); ++i)
        moved.push_back({toStd(ids[i]), positions[i].y(), positions[i].x()});
    const QString text = ids.size() == 1 ? tr("Move %1").arg(siteLabel(ids.front()))
                                         : tr("Move %n sites", nullptr, int(ids.size()));
    // Every event of one drag merges into one undo step; the next drag starts another.
    const bool stored = apply(text, accepted(edits::moveSites(m_document->scenario(), moved)),
                              QStringLiteral("move-%1").arg(m_dragCount));
    if (finished)
        ++m_dragCount;
    return stored;
}

bool Editor::removeElements(const QStringList &siteIds, const QStringList &spanIds)
{
    if (siteIds.isEmpty() && spanIds.isEmpty())
        return false;
    const int n = int(siteIds.size() + spanIds.size());
    const QString text = n == 1 ? tr("Delete %1").arg(siteLabel((siteIds + spanIds).front()))
                                : tr("Delete %n elements", nullptr, n);
    return apply(text, accepted(edits::removeElements(m_document->scenario(), toStd(siteIds), toStd(spanIds))));
}

bool Editor::setSiteDown(const QString &siteId, bool down)
{
    return apply((down ? tr("Fail site %1") : tr("Restore site %1")).arg(siteId),
                 edits::setSiteDown(m_document->scenario(), toStd(siteId), down));
}

bool Editor::setSpanDown(const QString &spanId, bool down)
{
    return apply((down ? tr("Fail span %1") : tr("Restore span %1")).arg(spanId),
                 edits::setSpanDown(m_document->scenario(), toStd(spanId), down));
}

// ---- a site -----------------------------------------------------------------------------------

bool Editor::setSiteName(const QString &siteId, const QString &name)
{
    const edits::Edited outcome = edits::setSiteName(m_document->scenario(), toStd(siteId), toStd(name));
    const Site *renamed = outcome.scenario.site(toStd(siteId));
    const QString newName = renamed && outcome.ok() ? QString::fromStdString(renamed->name) : name;
    return apply(tr("Rename %1 to %2").arg(siteLabel(siteId), newName), outcome);
}

bool Editor::setSitePosition(const QString &siteId, double lat_deg, double lon_deg)
{
    return apply(tr("Move %1").arg(siteLabel(siteId)),
                 edits::setSitePosition(m_document->scenario(), toStd(siteId), lat_deg, lon_deg));
}

bool Editor::setSiteGpus(const QString &siteId, qint64 gpus)
{
    return apply(tr("Change GPUs of %1").arg(siteLabel(siteId)),
                 edits::setSiteGpus(m_document->scenario(), toStd(siteId), static_cast<double>(gpus)));
}

bool Editor::setSiteGpuType(const QString &siteId, const QString &gpu)
{
    return apply(tr("Change GPU type of %1 to %2").arg(siteLabel(siteId), gpu),
                 edits::setSiteGpuType(m_document->scenario(), Catalog::builtin(), toStd(siteId), toStd(gpu)));
}

bool Editor::setSitePowerCap(const QString &siteId, std::optional<double> power_cap_mw)
{
    const Site *site = m_document->scenario().site(toStd(siteId));
    const QString label = siteLabel(siteId);
    const QString text = !power_cap_mw                       ? tr("Remove power cap of %1").arg(label)
                         : site && !site->power_cap_mw ? tr("Limit power of %1").arg(label)
                                                               : tr("Change power cap of %1").arg(label);
    return apply(text, edits::setSitePowerCap(m_document->scenario(), toStd(siteId), power_cap_mw));
}

bool Editor::setSitePue(const QString &siteId, std::optional<double> pue)
{
    const Site *site = m_document->scenario().site(toStd(siteId));
    const QString label = siteLabel(siteId);
    const QString text = !pue                     ? tr("Reset PUE of %1 to the default").arg(label)
                         : site && !site->pue ? tr("Override PUE of %1").arg(label)
                                              : tr("Change PUE of %1").arg(label);
    return apply(text, edits::setSitePue(m_document->scenario(), toStd(siteId), pue));
}

bool Editor::setSiteRegion(const QString &siteId, const QString &region)
{
    const QString site = siteLabel(siteId);
    const QString text = region.trimmed().isEmpty() ? tr("Make %1 a region of its own").arg(site)
                                                    : tr("Put %1 in region %2").arg(site, region.trimmed());
    return apply(text, edits::setSiteRegion(m_document->scenario(), toStd(siteId), toStd(region)));
}

// ---- a span -----------------------------------------------------------------------------------

bool Editor::setSpanOptic(const QString &spanId, const QString &optic)
{
    return apply(tr("Change optic of %1 to %2").arg(spanId, optic),
                 edits::setSpanOptic(m_document->scenario(), Catalog::builtin(), toStd(spanId), toStd(optic)));
}

bool Editor::setSpanBand(const QString &spanId, const QString &band)
{
    return apply(tr("Change band of %1 to %2").arg(spanId, band),
                 edits::setSpanBand(m_document->scenario(), Catalog::builtin(), toStd(spanId), toStd(band)));
}

namespace {

// "Let the tool choose wavelengths of a-b", "Fix wavelengths of a-b at 8", "Change ...":
// none is auto; a count where the span had auto fixes it.
QString countText(const QString &what, const QString &spanId, const std::optional<int> &stored,
                  std::optional<double> value)
{
    if (!value)
        return Editor::tr("Let the tool choose %1 of %2").arg(what, spanId);
    if (!stored)
        return Editor::tr("Fix %1 of %2 at %3").arg(what, spanId, count(*value));
    return Editor::tr("Change %1 of %2").arg(what, spanId);
}

} // namespace

bool Editor::setSpanFiberPairs(const QString &spanId, std::optional<double> fiberPairs)
{
    const Span *span = m_document->scenario().span(toStd(spanId));
    return apply(countText(tr("fiber pairs"), spanId, span ? span->fiber_pairs : std::nullopt, fiberPairs),
                 edits::setSpanFiberPairs(m_document->scenario(), toStd(spanId), fiberPairs));
}

bool Editor::setSpanWavelengths(const QString &spanId, std::optional<double> wavelengths)
{
    const Span *span = m_document->scenario().span(toStd(spanId));
    return apply(countText(tr("wavelengths"), spanId, span ? span->wavelengths : std::nullopt, wavelengths),
                 edits::setSpanWavelengths(m_document->scenario(), toStd(spanId), wavelengths));
}

bool Editor::setSpanLength(const QString &spanId, std::optional<double> length_km)
{
    const Span *span = m_document->scenario().span(toStd(spanId));
    const QString text = !length_km                   ? tr("Take length of %1 from the map").arg(spanId)
                         : span && !span->length_km ? tr("Set length of %1").arg(spanId)
                                                    : tr("Change length of %1").arg(spanId);
    return apply(text, edits::setSpanLength(m_document->scenario(), toStd(spanId), length_km));
}

bool Editor::setSpanMetric(const QString &spanId, std::optional<qint64> metric)
{
    const QString text = metric ? tr("Set metric of %1 to %2").arg(spanId, displayLocale().toString(*metric))
                                : tr("Let metric of %1 follow its latency").arg(spanId);
    return apply(text, edits::setSpanMetric(m_document->scenario(), toStd(spanId), metric));
}

// ---- the plan, its job and routing ------------------------------------------------------------

bool Editor::setJobNumber(const QString &key, std::optional<double> value)
{
    if (key == QLatin1String("connections_per_pair"))
        return setJobConnections(value);
    const QString name = jobNumberName(key);
    const QString text = value ? tr("Change %1 of the job").arg(name) : tr("Reset %1 of the job to the default").arg(name);
    // setJobNumber() leaves the range to the reader's check (a sweep reports its words);
    // here the field's rule speaks first, as it would in the dock.
    const Scenario &s = m_document->scenario();
    if (s.job) {
        if (const std::string problem = edits::jobNumberProblem(*s.job, toStd(key), value); !problem.empty()) {
            emit refused(QString::fromStdString(problem));
            return false;
        }
    }
    return apply(text, edits::setJobNumber(s, toStd(key), value));
}

bool Editor::setJobConnections(std::optional<double> connections)
{
    const QString text = connections
        ? tr("Set connections per DC pair to %1").arg(displayLocale().toString(*connections, 'f', 0))
        : tr("Derive connections per DC pair");
    return apply(text, edits::setJobConnections(m_document->scenario(), connections));
}

bool Editor::setJobText(const QString &key, const QString &value)
{
    return apply(tr("Change %1 to %2").arg(keywordFieldName(key), friendlyName(value)),
                 edits::setJobText(m_document->scenario(), toStd(key), toStd(value)));
}

bool Editor::setRouting(const QString &key, const QString &value)
{
    return apply(tr("Change %1 to %2").arg(keywordFieldName(key), friendlyName(value)),
                 edits::setRouting(m_document->scenario(), toStd(key), toStd(value)));
}

bool Editor::addJob()
{
    return apply(tr("Add a training job"), edits::addJob(m_document->scenario()));
}

bool Editor::setPlanName(const QString &name)
{
    const QString text = name.trimmed().isEmpty() ? tr("Clear the plan's name")
                                                  : tr("Rename the plan to %1").arg(name.trimmed());
    return apply(text, edits::setPlanName(m_document->scenario(), toStd(name)));
}

bool Editor::setPlanDescription(const QString &description)
{
    return apply(tr("Edit the plan's description"),
                 edits::setPlanDescription(m_document->scenario(), toStd(description)));
}

bool Editor::setAssumption(const QString &key, std::optional<double> value)
{
    const QString text = value ? tr("Set %1 to %2").arg(key, AssumptionsPage::formatValue(*value))
                               : tr("Reset %1 to the catalog").arg(key);
    return apply(text, edits::setAssumption(m_document->scenario(), Catalog::builtin(), toStd(key), value));
}

bool Editor::setPresentationViews(const std::vector<PresentationView> &views)
{
    return apply(tr("Save presentation view"), edits::setPresentationViews(m_document->scenario(), views));
}

void connectIntents(const PropertiesPanel *p, Editor *e)
{
    QObject::connect(p, &PropertiesPanel::siteNameRequested, e, &Editor::setSiteName);
    QObject::connect(p, &PropertiesPanel::sitePositionRequested, e, &Editor::setSitePosition);
    QObject::connect(p, &PropertiesPanel::siteGpuTypeRequested, e, &Editor::setSiteGpuType);
    QObject::connect(p, &PropertiesPanel::siteGpusRequested, e, &Editor::setSiteGpus);
    QObject::connect(p, &PropertiesPanel::sitePowerCapRequested, e, &Editor::setSitePowerCap);
    QObject::connect(p, &PropertiesPanel::sitePueRequested, e, &Editor::setSitePue);
    QObject::connect(p, &PropertiesPanel::siteRegionRequested, e, &Editor::setSiteRegion);
    QObject::connect(p, &PropertiesPanel::spanOpticRequested, e, &Editor::setSpanOptic);
    QObject::connect(p, &PropertiesPanel::spanBandRequested, e, &Editor::setSpanBand);
    QObject::connect(p, &PropertiesPanel::spanFiberPairsRequested, e, &Editor::setSpanFiberPairs);
    QObject::connect(p, &PropertiesPanel::spanWavelengthsRequested, e, &Editor::setSpanWavelengths);
    QObject::connect(p, &PropertiesPanel::spanLengthRequested, e, &Editor::setSpanLength);
    QObject::connect(p, &PropertiesPanel::spanMetricRequested, e, &Editor::setSpanMetric);
    QObject::connect(p, &PropertiesPanel::spanDownRequested, e, &Editor::setSpanDown);
    QObject::connect(p, &PropertiesPanel::jobNumberRequested, e, &Editor::setJobNumber);
    QObject::connect(p, &PropertiesPanel::jobConnectionsRequested, e, &Editor::setJobConnections);
    QObject::connect(p, &PropertiesPanel::jobTextRequested, e, &Editor::setJobText);
    QObject::connect(p, &PropertiesPanel::routingRequested, e, &Editor::setRouting);
    QObject::connect(p, &PropertiesPanel::jobAddRequested, e, &Editor::addJob);
    QObject::connect(p, &PropertiesPanel::planNameRequested, e, &Editor::setPlanName);
    QObject::connect(p, &PropertiesPanel::planDescriptionRequested, e, &Editor::setPlanDescription);
}

} // namespace dci
