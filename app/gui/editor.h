#pragma once

#include "model/scenario.h"

#include <QList>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace dci {

class Document;
class PropertiesPanel;
namespace edits {
struct Edited;
}

// The one edit path of the GUI (as Subsurface's Command:: facade): one method per user
// intent, each applying one core/edit/edits.h function to the document's scenario and
// storing the outcome with Document::applyEdit() as one undo command, named for the Edit
// menu ("Undo Change GPUs of Campus A"). Views emit intents; MainWindow connects them here
// and keeps only what is about the window (selection after an add, status messages).
//
// An edit the core or the file reader refuses changes nothing and emits refused(reason);
// one whose result equals the scenario (the same value again) is dropped without an undo
// command. Each method returns whether it stored an edit. The document is not owned.
class Editor : public QObject
{
    Q_OBJECT

public:
    explicit Editor(Document *document, QObject *parent = nullptr);

    // ---- the canvas and the menus ----
    // A new site (a new untitled plan first when none is open); returns its id, or empty.
    QString addSite(double lat_deg, double lon_deg);
    // A new site named after a place (Edit > Add Site at City); returns its id, or empty.
    QString addNamedSite(const QString &name, double lat_deg, double lon_deg);
    // A span between two sites; returns its id, or empty.
    QString addSpan(const QString &a, const QString &b);
    // positions: x = longitude, y = latitude. Every call of one drag merges into one undo
    // step; finished ends the drag, so the next one starts another.
    bool moveSites(const QStringList &ids, const QList<QPointF> &positions, bool finished);
    bool removeElements(const QStringList &siteIds, const QStringList &spanIds);
    bool setSiteDown(const QString &siteId, bool down);
    bool setSpanDown(const QString &spanId, bool down);

    // ---- the Properties dock: a site ----
    bool setSiteName(const QString &siteId, const QString &name);
    bool setSitePosition(const QString &siteId, double lat_deg, double lon_deg);
    bool setSiteGpus(const QString &siteId, qint64 gpus);
    bool setSiteGpuType(const QString &siteId, const QString &gpu);
    bool setSitePowerCap(const QString &siteId, std::optional<double> power_cap_mw);
    bool setSitePue(const QString &siteId, std::optional<double> pue);
    bool setSiteRegion(const QString &siteId, const QString &region);

    // ---- a span ----
    bool setSpanOptic(const QString &spanId, const QString &optic);
    bool setSpanBand(const QString &spanId, const QString &band);
    bool setSpanFiberPairs(const QString &spanId, std::optional<double> fiberPairs);
    bool setSpanWavelengths(const QString &spanId, std::optional<double> wavelengths);
    bool setSpanLength(const QString &spanId, std::optional<double> length_km);
    bool setSpanMetric(const QString &spanId, std::optional<qint64> metric);

    // ---- the plan, its job and routing ----
    bool setJobNumber(const QString &key, std::optional<double> value);
    bool setJobConnections(std::optional<double> connections);
    bool setJobText(const QString &key, const QString &value);
    bool setRouting(const QString &key, const QString &value);
    bool addJob();
    bool setPlanName(const QString &name);
    bool setPlanDescription(const QString &description);
    // The Assumptions page: this plan's override of a catalog figure; none = the catalog's.
    bool setAssumption(const QString &key, std::optional<double> value);
    // Presentation mode's saved views.
    bool setPresentationViews(const std::vector<PresentationView> &views);

signals:
    // An edit that was refused, and why ("expected a PUE (a finite number >= 1), got 0.5").
    void refused(const QString &reason);

private:
    // Stores outcome as one undo command named description; see the class comment.
    bool apply(const QString &description, const edits::Edited &outcome, const QString &mergeKey = QString());
    // A site's name, or its id when it has none (or is unknown).
    QString siteLabel(const QString &siteId) const;

    Document *m_document;
    int m_dragCount = 0; // each drag merges into its own undo step
};

// Connects every intent of the Properties dock to the editor method of the same name.
void connectIntents(const PropertiesPanel *panel, Editor *editor);

} // namespace dci
