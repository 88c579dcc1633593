#include "sitepage.h"

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
#include <climits>
#include <cmath>

namespace dci {

using namespace fields;

namespace {

// More GPUs than any campus built or announced: a typing slip, refused in the field although
// the file format would take it (issue 13 #11).
constexpr int kMaxGpus = 10'000'000;
// What the count field lets the user type, sign included, before the commit judges it.
constexpr int kMinTypedCount = -999'999'999;
constexpr int kMaxTypedCount = 999'999'999;
constexpr double kMaxPowerMw = 100'000.0;
constexpr double kMaxLatitude = 90.0;
constexpr double kMaxLongitude = 180.0;
constexpr int kDegreeDecimals = 4;
constexpr double kMaxPue = 5.0;
constexpr double kPueStep = 0.05;

} // namespace

SitePage::SitePage(QWidget *parent)
    : FieldPage(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *box = new QGroupBox(tr("Site"));
    QFormLayout *form = newForm(box);
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("siteName"));
    addRow(form, tr("Name"), m_name, tr("Display name on the map and in reports; left empty, the site's id is used."));
    m_lat = newDoubleSpin(QStringLiteral("siteLat"), -kMaxLatitude, kMaxLatitude, kDegreeDecimals);
    addRow(form, tr("Latitude (°N)"), m_lat, tr("WGS84 latitude in degrees, south negative."));
    m_lon = newDoubleSpin(QStringLiteral("siteLon"), -kMaxLongitude, kMaxLongitude, kDegreeDecimals);
    addRow(form, tr("Longitude (°E)"), m_lon, tr("WGS84 longitude in degrees, west negative."));
    m_gpu = newCombo(QStringLiteral("siteGpu"));
    addRow(form, tr("GPU type"), m_gpu, tr("The accelerator installed at the site, from the catalog."));
    // The spin takes what a user may type (a sign, too many digits) so the commit can refuse
    // it with a reason instead of silently clamping it (issue 13 #11).
    m_gpus = newSpin(QStringLiteral("siteGpus"), kMinTypedCount, kMaxTypedCount);
    addRow(form, tr("GPUs"), m_gpus, tr("Number of GPUs at the site; 0 makes it a hub that only switches traffic."));
    m_capOn = newCheck(QStringLiteral("sitePowerCapOn"), tr("limit"));
    m_cap = newDoubleSpin(QStringLiteral("sitePowerCap"), 0.0, kMaxPowerMw, 1);
    addRow(form, tr("Power cap (MW)"), withCheckBox(m_cap, m_capOn),
           tr("Facility power available at the site; without a limit the site may draw any power."));
    m_pueOn = newCheck(QStringLiteral("sitePueOn"), tr("override"));
    m_pue = newDoubleSpin(QStringLiteral("sitePue"), 1.0, kMaxPue, 2);
    m_pue->setSingleStep(kPueStep);
    addRow(form, tr("PUE"), withCheckBox(m_pue, m_pueOn),
           tr("Power usage effectiveness (facility power / IT power); unchecked, the scenario's default applies."));
    m_region = new QLineEdit;
    m_region->setObjectName(QStringLiteral("siteRegion"));
    m_region->setPlaceholderText(tr("its own region"));
    addRow(form, tr("Region"), m_region,
           tr("Sites with the same region name form one region. With the job's DC pattern \"Regions\" the "
              "all-reduce runs inside each region first and then between regions, so fewer bytes cross between "
              "regions. Empty: the site is a region of its own."));
    layout->addWidget(box);

    auto *results = new QGroupBox(tr("Results"));
    QFormLayout *rform = newForm(results);
    m_itPower = addResultRow(rform, tr("IT power"), tr("Power of the GPUs and their servers, network and storage share."));
    m_itPower->setObjectName(QStringLiteral("siteItPower"));
    m_facilityPower = addResultRow(rform, tr("Facility power"), tr("IT power times the site's PUE."));
    m_facilityPower->setObjectName(QStringLiteral("siteFacilityPower"));
    m_capStatus = addResultRow(rform, tr("Against the cap"), tr("Whether the facility power fits the site's power cap."));
    m_capStatus->setObjectName(QStringLiteral("siteCapStatus"));
    layout->addWidget(results);
    layout->addStretch(1);

    watchText(m_name, [this] { commitName(); });
    watchText(m_lat, [this] { commitLocation(true); });
    watchText(m_lon, [this] { commitLocation(false); });
    watchText(m_gpus, [this] { commitGpuCount(); });
    watchText(m_cap, [this] { commitPowerCap(false); });
    watchText(m_pue, [this] { commitPue(false); });
    watchText(m_region, [this] { commitRegion(); });
    watchWheel(m_gpu);
    connect(m_gpu, &QComboBox::activated, this, [this] { commitGpuType(); });
    connect(m_capOn, &QCheckBox::clicked, this, [this] { commitPowerCap(true); });
    connect(m_pueOn, &QCheckBox::clicked, this, [this] { commitPue(true); });
}

void SitePage::show(const Scenario &scenario, const Results &results, const Catalog &catalog, const std::string &siteId)
{
    const QScopedValueRollback updating(m_updating, true);
    m_scenario = &scenario;
    m_catalog = &catalog;
    m_siteId = siteId;
    const Site *found = scenario.site(siteId);
    if (!found)
        return;
    const Site &site = *found;
    const QString element = QStringLiteral("site:") + qs(site.id);
    m_name->setPlaceholderText(qs(site.id));
    showText(m_name, element, qs(site.name));
    showValue(m_lat, element, site.lat);
    showValue(m_lon, element, site.lon);
    fillChoices(m_gpu, catalog.gpuNames(), false);
    showChoice(m_gpu, qs(site.gpu));
    setSpinRange(m_gpus, kMinTypedCount, static_cast<int>(std::clamp<std::int64_t>(site.gpus, kMaxTypedCount, INT_MAX)),
                 QString());
    showValue(m_gpus, element, static_cast<int>(std::min<std::int64_t>(site.gpus, INT_MAX)));

    const SiteResult *r = nullptr;
    for (const SiteResult &sr : results.sites)
        if (sr.id == site.id)
            r = &sr;
    m_capSuggestion = r ? std::ceil(r->power_mw) : 0.0;

    showCheck(m_capOn, site.power_cap_mw.has_value());
    m_cap->setEnabled(site.power_cap_mw.has_value());
    if (site.power_cap_mw) {
        setSpinRange(m_cap, 0.0, kMaxPowerMw, QString());
        showValue(m_cap, element, *site.power_cap_mw);
    } else {
        setSpinRange(m_cap, -1.0, kMaxPowerMw, tr("unlimited"));
        showValue(m_cap, element, -1.0);
    }

    const Figure *defaultPue = catalog.findFigure("pue");
    showCheck(m_pueOn, site.pue.has_value());
    m_pue->setEnabled(site.pue.has_value());
    showValue(m_pue, element, site.pue.value_or(defaultPue ? defaultPue->value : 1.0));
    const QString pueTip = tr("Power usage effectiveness (facility power / IT power); unchecked, the scenario's "
                              "default %1 applies.")
                               .arg(formatNumber(defaultPue ? defaultPue->value : 1.0));
    m_pue->setToolTip(pueTip);
    m_pueOn->setToolTip(pueTip);
    showText(m_region, element, qs(site.region));

    if (!r) {
        const QString none = QStringLiteral("–");
        setLabel(m_itPower, none);
        setLabel(m_facilityPower, none);
        setLabel(m_capStatus, none);
        return;
    }
    setLabel(m_itPower, formatMw(r->it_power_mw));
    setLabel(m_facilityPower, tr("%1 at PUE %2").arg(formatMw(r->power_mw), displayLocale().toString(r->pue, 'f', 2)));
    if (!r->power_cap_mw)
        setLabel(m_capStatus, tr("no cap"));
    else if (r->over_cap)
        setLabel(m_capStatus, tr("over the cap by %1").arg(formatMw(r->power_mw - *r->power_cap_mw)), true);
    else
        setLabel(m_capStatus, tr("within the cap, %1 spare").arg(formatMw(*r->power_cap_mw - r->power_mw)));
}

void SitePage::commitName()
{
    if (!m_scenario || !m_scenario->site(m_siteId) || !isChanged(m_name))
        return keep(m_name);
    if (accept(m_name, tr("Name"), std::string()))
        emit siteNameRequested(id(), m_name->text());
}

void SitePage::commitLocation(bool latitude)
{
    QDoubleSpinBox *field = latitude ? m_lat : m_lon;
    const Site *site = m_scenario ? m_scenario->site(m_siteId) : nullptr;
    if (!site || !isChanged(field))
        return keep(field);
    const double lat = latitude ? field->value() : site->lat;
    const double lon = latitude ? site->lon : field->value();
    if (accept(field, latitude ? tr("Latitude") : tr("Longitude"), edits::sitePositionProblem(lat, lon)))
        emit sitePositionRequested(id(), lat, lon);
}

void SitePage::commitGpuCount()
{
    if (!m_scenario || !m_scenario->site(m_siteId) || !isChanged(m_gpus))
        return keep(m_gpus);
    const int n = m_gpus->value();
    // The field's own words for the bound first (the reader's bound, said for a site).
    if (n > kMaxGpus)
        return refuse(m_gpus, tr("GPUs: at most %1 at one site (10 million H100 draw some 16 GW, more than any "
                                 "campus built or announced); got %2.")
                                  .arg(formatNumber(kMaxGpus), formatNumber(n)));
    if (const std::string problem = edits::siteGpusProblem(n); !problem.empty())
        return refuse(m_gpus, tr("GPUs: %1").arg(qs(problem)));
    if (accept(m_gpus, tr("GPUs"), std::string()))
        emit siteGpusRequested(id(), n);
}

void SitePage::commitGpuType()
{
    const QString gpu = m_gpu->currentData().toString();
    const Site *site = m_scenario ? m_scenario->site(m_siteId) : nullptr;
    if (!site || site->gpu == gpu.toStdString())
        return keep(m_gpu);
    if (accept(m_gpu, tr("GPU type"), edits::siteGpuTypeProblem(*m_catalog, gpu.toStdString())))
        emit siteGpuTypeRequested(id(), gpu);
}

void SitePage::commitPowerCap(bool fromCheckBox)
{
    const Site *site = m_scenario ? m_scenario->site(m_siteId) : nullptr;
    if (!site)
        return;
    std::optional<double> cap;
    QWidget *field = m_cap;
    if (fromCheckBox) {
        field = m_capOn;
        if (m_capOn->isChecked())
            cap = site->power_cap_mw.value_or(m_capSuggestion);
    } else {
        if (!site->power_cap_mw || !isChanged(m_cap))
            return keep(m_cap);
        cap = m_cap->value();
    }
    if (accept(field, tr("Power cap"), cap ? edits::sitePowerCapProblem(*cap) : std::string()))
        emit sitePowerCapRequested(id(), cap);
}

void SitePage::commitPue(bool fromCheckBox)
{
    const Site *site = m_scenario ? m_scenario->site(m_siteId) : nullptr;
    if (!site)
        return;
    std::optional<double> pue;
    QWidget *field = m_pue;
    if (fromCheckBox) {
        field = m_pueOn;
        if (m_pueOn->isChecked())
            pue = m_pue->value();
    } else {
        if (!site->pue || !isChanged(m_pue))
            return keep(m_pue);
        pue = m_pue->value();
    }
    if (accept(field, tr("PUE"), pue ? edits::sitePueProblem(*pue) : std::string()))
        emit sitePueRequested(id(), pue);
}

void SitePage::commitRegion()
{
    const Site *site = m_scenario ? m_scenario->site(m_siteId) : nullptr;
    if (!site || !isChanged(m_region))
        return keep(m_region);
    const QString region = m_region->text().trimmed();
    if (region.toStdString() == site->region)
        return revert(m_region); // only spaces around it changed
    if (accept(m_region, tr("Region"), std::string()))
        emit siteRegionRequested(id(), region);
}

} // namespace dci
