#pragma once

#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <QObject>
#include <QString>
#include <QStringList>

class QUndoStack;

namespace dci {

// The open scenario: owns the Scenario, the file it came from, the undo stack of edits and
// the Results of the latest evaluation. Views read it and follow changed(); the scenario
// changes only through load/newScenario or an edit (one undo command each), and every
// edit is re-evaluated at once.
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);

    // Reads and validates a scenario file. On success the document holds it, evaluates
    // it and emits changed(); on failure it stays as it was and *errors gets one
    // message per problem ("<file>: <JSON pointer>: <what was expected>").
    bool load(const QString &path, QStringList *errors);

    // Reads a file as an untitled copy (a shipped sample): the document holds its scenario
    // but not its path, so Save asks for a name and the original is never overwritten.
    // Clean: nothing is lost by closing it unchanged.
    bool loadCopy(const QString &path, QStringList *errors);

    // An empty, untitled scenario (no sites, no job); clears the undo history.
    void newScenario();

    // An untitled scenario made elsewhere (an import): clears the undo history and counts
    // as unsaved until it is saved.
    void adopt(const Scenario &scenario);

    // Saves to `path` atomically (QSaveFile: the old file stays whole if anything fails)
    // and, on success, makes it the document's file and marks the document clean.
    bool saveAs(const QString &path, QString *error);

    // Applies an edit as one undo command: `after` is the whole scenario after the edit.
    // Refused (returns false, *reason says why, nothing stored) when the file reader would
    // reject the result. Edits with the same non-empty mergeKey that follow each other
    // (a drag) merge into one undo step.
    bool applyEdit(const QString &description, const Scenario &after, QString *reason = nullptr,
                   const QString &mergeKey = QString());

    bool hasScenario() const { return m_hasScenario; }
    const Scenario &scenario() const { return m_scenario; }
    const Results &results() const { return m_results; }
    // The catalog as this scenario sees it (its assumptions applied).
    const Catalog &catalog() const { return m_catalog; }
    QString filePath() const { return m_filePath; }
    bool isModified() const;
    QUndoStack *undoStack() const { return m_undo; }

    // The scenario's name, or its file name, or "Untitled"; empty without a scenario.
    QString displayName() const;

    // Used by the undo commands: replaces the scenario and re-evaluates.
    void setScenario(const Scenario &scenario);

signals:
    // The scenario or its results changed.
    void changed();
    // The modified state changed (title bar marker).
    void modifiedChanged(bool modified);

private:
    void evaluateNow();

    Scenario m_scenario;
    Results m_results;
    Catalog m_catalog;
    QString m_filePath;
    bool m_hasScenario = false;
    bool m_unsavedOrigin = false; // adopted and never saved
    QUndoStack *m_undo = nullptr; // child
};

} // namespace dci
