#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <string>

class QLabel;
class QStackedWidget;

namespace dci {

class FieldPage;
class JobPage;
class SitePage;
class SpanPage;

// The Properties dock's content: a host of pages, one shown at a time by the selection —
// SitePage (one site), SpanPage (one span), JobPage (nothing selected: the plan's name and
// description, the job and routing) or a summary when several elements are selected.
//
// Views never change the scenario. Each field of a page emits a typed intent, one user
// edit each, which the panel forwards (the application's Editor turns it into one undo
// command and calls show() again): one signal per field, because each value has its own
// type and the application or a test reads it without a key-to-field table. A value the
// core's rule (core/edit/edits.h) refuses is not emitted: the field turns red, the reason
// appears under its group and in lastRefusal().
//
// show() updates the widgets in place and emits nothing, so it can follow every edit and
// every re-evaluation; a field the user is typing in keeps its text unless its stored
// value changed. The pages document their fields' object names; the panel's own are
// "propertiesTitle", "multiSummary" and "refusalMessage".
class PropertiesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PropertiesPanel(QWidget *parent = nullptr);
    ~PropertiesPanel() override;

    // catalog: the scenario's effective catalog (its assumptions applied). Note that this
    // hides QWidget::show(); call QWidget::show() to show the panel as a window.
    void show(const Scenario &scenario, const Results &results, const Catalog &catalog,
              const QStringList &selectedSiteIds, const QStringList &selectedSpanIds);

    // Why the last edit was refused, e.g. "MFU: expected ... got 1.5"; empty when none was,
    // after an accepted edit, and once the selection changes or the field is gone.
    QString lastRefusal() const;

    SitePage *sitePage() const { return m_sitePage; }
    SpanPage *spanPage() const { return m_spanPage; }
    JobPage *jobPage() const { return m_jobPage; }

signals:
    // The pages' intents, forwarded (sitepage.h, spanpage.h, jobpage.h say what each means).
    void siteNameRequested(const QString &siteId, const QString &name);
    void sitePositionRequested(const QString &siteId, double lat_deg, double lon_deg);
    void siteGpuTypeRequested(const QString &siteId, const QString &gpu);
    void siteGpusRequested(const QString &siteId, qint64 gpus);
    void sitePowerCapRequested(const QString &siteId, std::optional<double> power_cap_mw);
    void sitePueRequested(const QString &siteId, std::optional<double> pue);
    void siteRegionRequested(const QString &siteId, const QString &region);
    void spanOpticRequested(const QString &spanId, const QString &optic);
    void spanBandRequested(const QString &spanId, const QString &band);
    void spanFiberPairsRequested(const QString &spanId, std::optional<double> fiberPairs);
    void spanWavelengthsRequested(const QString &spanId, std::optional<double> wavelengths);
    void spanLengthRequested(const QString &spanId, std::optional<double> length_km);
    void spanMetricRequested(const QString &spanId, std::optional<qint64> metric);
    void spanDownRequested(const QString &spanId, bool down);
    void jobNumberRequested(const QString &key, std::optional<double> value);
    void jobConnectionsRequested(std::optional<double> connections);
    void jobTextRequested(const QString &key, const QString &value);
    void routingRequested(const QString &key, const QString &value);
    void jobAddRequested();
    void planNameRequested(const QString &name);
    void planDescriptionRequested(const QString &description);

private:
    void setPage(QWidget *page, const QString &title);
    QWidget *currentPage() const;

    // What is shown: copies the pages read until the next show(), so the panel never
    // depends on the caller keeping them alive.
    Scenario m_scenario;
    Catalog m_catalog;
    std::string m_siteId; // the one selected site, or empty
    std::string m_spanId; // the one selected span, or empty

    QLabel *m_title = nullptr;
    QStackedWidget *m_stack = nullptr; // of one scroll area per page
    SitePage *m_sitePage = nullptr;
    SpanPage *m_spanPage = nullptr;
    JobPage *m_jobPage = nullptr;
    QWidget *m_multiPage = nullptr;
    QLabel *m_multiSummary = nullptr;
    QLabel *m_message = nullptr; // the pages' one refusal message
};

} // namespace dci
