#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "edit/edits.h"
#include "model/scenario.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QStackedWidget;

namespace dci {

class PlanNote;

// The Properties dock's content: the fields of the selection (one site, one span, or the
// plan's name and description, the job and routing when nothing is selected) and a summary
// when several elements are.
//
// Views never change the scenario. Most fields build a changed copy, check it with
// checkScenario() and emit it as editRequested(). The span metric, the site region and
// the job's connections per DC pair emit typed intents instead (spanMetricRequested(),
// ...): the field and its value, which the application applies to the document's own
// scenario with the matching core/edit/edits.h function. The first step of the edit
// path that replaces editRequested(): typed signals, one per field, because each value
// has its own type and a test or the app reads it without a key-to-field table.
// Either way the application makes one undo command and calls show() again. An edit the
// reader (or the edit function) would refuse is not emitted:
// the field turns red, the reason appears under the form and in lastRefusal(), and the
// field goes back to the stored value when the user leaves it or presses Escape.
//
// show() updates the widgets in place and emits nothing, so it can follow every edit and
// every re-evaluation; a field the user is typing in keeps its text unless its stored
// value changed. Field widgets have object names for tests and the GUI: "siteGpus",
// "sitePowerCapOn", "spanOptic", "spanWavelengthsAuto", "jobStrategy", "job_<key>" for the
// job's numbers ("job_mfu", "job_connections_per_pair"), "spanMetric", "spanMetricAuto",
// "siteRegion", "routingPolicy", "addJob", "refusalMessage", ...
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
    QString lastRefusal() const { return m_refusal; }

signals:
    // One user edit, one emission; description is the undo text ("Change GPUs of Campus A").
    void editRequested(const QString &description, const dci::Scenario &after);
    // Typed intents, one user edit each; checked with the edit function before emission.
    // metric: none = the span's latency in microseconds (auto).
    void spanMetricRequested(const QString &spanId, std::optional<qint64> metric);
    // region: trimmed; empty = a region of its own.
    void siteRegionRequested(const QString &siteId, const QString &region);
    // connections: none = derived from the job (docs/MODEL.md "Traffic").
    void jobConnectionsRequested(std::optional<double> connections);
    // From the plan's note (PlanNote) at the top of the page shown when nothing is selected.
    void planNameRequested(const QString &name);
    void planDescriptionRequested(const QString &description);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct SiteFields;
    struct SpanFields;
    struct JobFields;

    QWidget *buildSitePage();
    QWidget *buildSpanPage();
    QWidget *buildJobPage();
    void setPage(QWidget *page, const QString &title);
    QWidget *currentPage() const;

    // A field committed on editingFinished (a line edit or spin box): Escape reverts it,
    // leaving it commits it. Combo boxes and spin boxes ignore the wheel unless focused.
    void watchText(QWidget *field, std::function<void()> commitField);
    void watchWheel(QWidget *field);

    void showSite(const Site &site, const Results &results);
    void showSpan(const Span &span, const Results &results);
    void showJob();
    void updateJobVisibility(const QString &strategy);

    // Applies change to a copy of the scenario, checks it and emits it, or refuses it in
    // field. fieldName names the field in the refusal message. Returns whether it emitted.
    bool commit(QWidget *field, const QString &fieldName, const QString &description,
                const std::function<void(Scenario &)> &change);
    // For a typed intent: the edit function's verdict on the shown scenario. Refuses it in
    // field, or keeps its result as the shown scenario (as commit() does) and returns true:
    // the caller then emits the intent.
    bool accept(QWidget *field, const QString &fieldName, const edits::Edited &edited);
    void refuse(QWidget *field, const QString &reason);
    void clearRefusal();
    void revert(QWidget *field);
    void keep(QWidget *field); // the user left the stored value in field: nothing to commit

    void commitSiteName();
    void commitSiteLocation(bool latitude);
    void commitSiteGpuCount();
    void commitSiteGpuType();
    void commitSitePowerCap(bool fromCheckBox);
    void commitSitePue(bool fromCheckBox);
    void commitSiteRegion();
    void commitSpanChoice(bool optic);
    void commitSpanCount(bool wavelengths, bool fromCheckBox);
    void commitSpanLength(bool fromCheckBox);
    void commitSpanMetric(bool fromCheckBox);
    void commitSpanDown();
    void commitJobNumber(std::size_t index);
    void commitJobConnections(QWidget *field, std::optional<double> value);
    void commitJobChoice(QComboBox *combo);
    void commitRoutingChoice(bool policy);
    void addJob();

    Site *editedSite(Scenario &s) const;
    Span *editedSpan(Scenario &s) const;
    QString siteLabel() const;

    // What is shown: a copy, so the panel never depends on the caller keeping it alive.
    Scenario m_scenario;
    Catalog m_catalog;
    std::string m_siteId; // the one selected site, or empty
    std::string m_spanId; // the one selected span, or empty
    bool m_updating = false; // inside show(): widgets change, nothing is committed
    QString m_refusal;
    QWidget *m_refusedField = nullptr; // shown red until the user leaves it
    QWidget *m_refusalField = nullptr; // the field m_refusal is about
    QHash<QObject *, std::function<void()>> m_textCommits; // field -> its commit

    QLabel *m_title = nullptr;
    QStackedWidget *m_stack = nullptr; // of one scroll area per page
    QWidget *m_sitePage = nullptr;
    QWidget *m_spanPage = nullptr;
    QWidget *m_jobPage = nullptr;
    PlanNote *m_plan = nullptr; // on the job page
    QWidget *m_multiPage = nullptr;
    QLabel *m_multiSummary = nullptr;
    QLabel *m_message = nullptr;
    std::unique_ptr<SiteFields> m_site;
    std::unique_ptr<SpanFields> m_span;
    std::unique_ptr<JobFields> m_job;
};

} // namespace dci
