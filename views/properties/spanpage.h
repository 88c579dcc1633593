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

// The Properties dock's page for one span: its fields and what the evaluation made of them.
// Each field emits its own typed intent (FieldPage says when), checked with the core's rule
// first. An "auto" field shows what the tool chose, greyed; turning auto off fixes that.
// Object names: "spanFrom", "spanTo", "spanOptic", "spanBand", "spanFiberPairs",
// "spanFiberPairsAuto", "spanWavelengths", "spanWavelengthsAuto", "spanLength",
// "spanLengthAuto", "spanMetric", "spanMetricAuto", "spanDown", "spanCapacity",
// "spanUtilisation", "spanReach".
class SpanPage : public FieldPage
{
    Q_OBJECT

public:
    explicit SpanPage(QWidget *parent = nullptr);

    // Shows span spanId of scenario (which must have it); catalog: the scenario's effective
    // catalog. scenario and catalog must live until the next show(). Emits nothing.
    void show(const Scenario &scenario, const Results &results, const Catalog &catalog, const std::string &spanId);

signals:
    void spanOpticRequested(const QString &spanId, const QString &optic);
    void spanBandRequested(const QString &spanId, const QString &band);
    // none = auto (dimensioned).
    void spanFiberPairsRequested(const QString &spanId, std::optional<double> fiberPairs);
    void spanWavelengthsRequested(const QString &spanId, std::optional<double> wavelengths);
    // none = from the map.
    void spanLengthRequested(const QString &spanId, std::optional<double> length_km);
    // none = the span's latency in microseconds (auto).
    void spanMetricRequested(const QString &spanId, std::optional<qint64> metric);
    void spanDownRequested(const QString &spanId, bool down);

private:
    void commitChoice(bool optic);
    void commitCount(bool wavelengths, bool fromCheckBox);
    void commitLength(bool fromCheckBox);
    void commitMetric(bool fromCheckBox);
    void commitDown();
    QString id() const { return QString::fromStdString(m_spanId); }

    const Scenario *m_scenario = nullptr;
    const Catalog *m_catalog = nullptr;
    std::string m_spanId;
    // Turning "auto" off fixes the value the tool chose last.
    int m_pairsSuggestion = 1;
    int m_wavesSuggestion = 1;
    double m_lengthSuggestion = 1.0;
    qint64 m_metricSuggestion = 1; // the engine's metric: the latency in microseconds

    QLabel *m_from = nullptr;
    QLabel *m_to = nullptr;
    QComboBox *m_optic = nullptr;
    QComboBox *m_band = nullptr;
    QSpinBox *m_pairs = nullptr;
    QCheckBox *m_pairsAuto = nullptr;
    QSpinBox *m_waves = nullptr;
    QCheckBox *m_wavesAuto = nullptr;
    QDoubleSpinBox *m_length = nullptr;
    QCheckBox *m_lengthAuto = nullptr;
    QLineEdit *m_metric = nullptr; // a line edit, so "2.5" is refused with a reason, not eaten
    QCheckBox *m_metricAuto = nullptr;
    QCheckBox *m_down = nullptr;
    QLabel *m_lengthUsed = nullptr;
    QLabel *m_latency = nullptr;
    QLabel *m_capacity = nullptr;
    QLabel *m_load = nullptr;
    QLabel *m_utilisation = nullptr;
    QLabel *m_maxWaves = nullptr;
    QLabel *m_reach = nullptr;
};

} // namespace dci
