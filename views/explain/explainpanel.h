#pragma once

#include "engine/explain.h"
#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <QWidget>

#include <vector>

class QLabel;
class QTextBrowser;
class QToolButton;

namespace dci {

// The Explain dock (issue 14): why a number is what it is. It shows the core's explain
// trace of one figure (engine/explain.h) as a derivation to read: the figure and its
// formula in the words of docs/MODEL.md, then each input with its value and where it
// comes from (the plan's file, a catalog figure with its source and confidence, or a
// computed figure). A computed input is a link to its own derivation; an input that
// names an element (a demand, a span) also selects it. Back returns along the path.
// Nothing is computed here: every number is the core's.
//
// The panel follows the plan: after an edit it traces the same figure again, so the
// numbers stay live. Selecting is an intent (elementsSelected); the application selects.
class ExplainPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ExplainPanel(QWidget *parent = nullptr);

    // The plan and its results to trace in; base: the catalog before the plan's
    // assumptions (kept by reference: it must outlive the panel). Re-traces what is shown.
    void show(const Scenario &scenario, const Catalog &base, const Results &results);
    using QWidget::show;

    // Whether the user can see the panel (its dock's visibilityChanged). Off screen, an edit
    // only marks the trace out of date; it is traced again when the panel comes back.
    void setOnScreen(bool onScreen);

    // Traces one figure ("span:a-b", "utilization"); an empty figure shows the element's
    // headline figures. Starts a new path (Back goes no further).
    void explain(const QString &ref, const QString &figure);

    // What is shown now: the trace's element and figure ("" for a headline list).
    QString currentRef() const;
    QString currentFigure() const;
    // The derivation as plain text (Copy).
    QString plainText() const;
    QTextBrowser *browser() const { return m_browser; }
    bool canGoBack() const { return m_path.size() > 1; }

public slots:
    void back();

signals:
    void elementsSelected(const QStringList &siteIds, const QStringList &spanIds);

private:
    void trace();
    void retrace();
    void render();
    void openLink(const QUrl &url);
    void selectRef(const std::string &ref);

    const Scenario *m_scenario = nullptr; // the caller's (the document's), alive until the next show()
    const Catalog *m_base = nullptr; // not owned: the builtin catalog outlives the panel
    const Results *m_shown = nullptr;
    bool m_hasPlan = false;
    bool m_onScreen = false;
    bool m_stale = false;
    QString m_ref;
    QString m_figure;
    Explanation m_explanation;
    std::vector<std::size_t> m_path; // trace indices from the root, the last shown
    QLabel *m_title = nullptr;
    QToolButton *m_back = nullptr;
    QTextBrowser *m_browser = nullptr;
};

} // namespace dci
