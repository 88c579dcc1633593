#pragma once

#include "fieldpage.h"

#include <QString>

#include <optional>
#include <string>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace dci {

class Catalog;
struct Results;
struct Scenario;

// The Properties dock's page for one site: its fields and what the evaluation made of them.
// Each field emits its own typed intent (FieldPage says when), checked with the core's rule
// first. Object names: "siteName", "siteLat", "siteLon", "siteGpu", "siteGpus",
// "sitePowerCapOn", "sitePowerCap", "sitePueOn", "sitePue", "siteRegion", "siteItPower",
// "siteFacilityPower", "siteCapStatus".
class SitePage : public FieldPage
{
    Q_OBJECT

public:
    explicit SitePage(QWidget *parent = nullptr);

    // Shows site siteId of scenario (which must have it); catalog: the scenario's effective
    // catalog. scenario and catalog must live until the next show() (the dock's copies).
    // Emits nothing.
    void show(const Scenario &scenario, const Results &results, const Catalog &catalog, const std::string &siteId);

signals:
    // name as typed; empty gives the id back (edits::setSiteName).
    void siteNameRequested(const QString &siteId, const QString &name);
    void sitePositionRequested(const QString &siteId, double lat_deg, double lon_deg);
    void siteGpuTypeRequested(const QString &siteId, const QString &gpu);
    void siteGpusRequested(const QString &siteId, qint64 gpus);
    // none = unlimited.
    void sitePowerCapRequested(const QString &siteId, std::optional<double> power_cap_mw);
    // none = the plan's PUE.
    void sitePueRequested(const QString &siteId, std::optional<double> pue);
    // region: trimmed; empty = a region of its own.
    void siteRegionRequested(const QString &siteId, const QString &region);

private:
    void commitName();
    void commitLocation(bool latitude);
    void commitGpuCount();
    void commitGpuType();
    void commitPowerCap(bool fromCheckBox);
    void commitPue(bool fromCheckBox);
    void commitRegion();
    QString id() const { return QString::fromStdString(m_siteId); }

    const Scenario *m_scenario = nullptr;
    const Catalog *m_catalog = nullptr;
    std::string m_siteId;
    double m_capSuggestion = 0.0; // a new cap starts at today's facility power

    QLineEdit *m_name = nullptr;
    QDoubleSpinBox *m_lat = nullptr;
    QDoubleSpinBox *m_lon = nullptr;
    QComboBox *m_gpu = nullptr;
    QSpinBox *m_gpus = nullptr;
    QCheckBox *m_capOn = nullptr;
    QDoubleSpinBox *m_cap = nullptr;
    QCheckBox *m_pueOn = nullptr;
    QDoubleSpinBox *m_pue = nullptr;
    QLineEdit *m_region = nullptr;
    QLabel *m_itPower = nullptr;
    QLabel *m_facilityPower = nullptr;
    QLabel *m_capStatus = nullptr;
};

} // namespace dci
