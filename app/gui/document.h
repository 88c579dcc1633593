#pragma once

#include "edit/change.h"
#include "engine/results.h"
#include "model/catalog.h"
#include "model/scenario.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>

class QUndoStack;

namespace dci {

// A file as it was on disk when the document last read or wrote it: Save compares it with
// the file now to notice another program's change (size and time first, the hash decides).
struct FileStamp {
    qint64 size_bytes = -1;
    QDateTime modified;
    QByteArray sha256;

    bool isNull() const { return size_bytes < 0; }
    // The file now; null when it cannot be read.
    static FileStamp of(const QString &path);
};

// The open scenario: owns the Scenario, the file it came from, the undo stack of edits and
// the Results of the latest evaluation. Views read it and follow changed(); the scenario
// changes only through load/newScenario or an edit (one undo command each), and every
// edit is re-evaluated at once.
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);
    ~Document() override;

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
    // *error names the path and the system's reason; the document stays as it was.
    bool saveAs(const QString &path, QString *error);

    // Restores an autosave (recovery.h): the scenario in `recoveryPath` as a modified
    // document whose file is `originalPath` (empty: untitled), so Save writes there.
    // `originalStamp` is the original file as the stopped program knew it, so Save still
    // warns if another program changed it. On failure nothing changes and *errors has the
    // reader's messages.
    bool loadRecovered(const QString &recoveryPath, const QString &originalPath, const FileStamp &originalStamp,
                       QStringList *errors);
    // Restored from an autosave and not saved since (the title says so).
    bool isRecovered() const { return m_recovered; }

    // The document's file was changed by another program since it was opened or saved here
    // (its content differs from what this document last read or wrote). False without a
    // file, or when the file is gone.
    bool changedOnDisk() const;
    // The file as last read or written here (null: untitled).
    const FileStamp &diskStamp() const { return m_diskStamp; }

    // Tests only: saves fail after writing part of the file, with the system's message for
    // errnoValue (ENOSPC: "No space left on device"), as a full disk would. 0: off.
    void setWriteFaultForTests(int errnoValue) { m_writeFaultErrno = errnoValue; }

    // Applies an edit as one undo command: `after` is the whole scenario after the edit.
    // Refused (returns false, *reason says why, nothing stored) when the file reader would
    // reject the result. Edits with the same non-empty mergeKey that follow each other
    // (a drag) merge into one undo step.
    bool applyEdit(const QString &description, const Scenario &after, QString *reason = nullptr,
                   const QString &mergeKey = QString());

    bool hasScenario() const { return m_hasScenario; }
    const Scenario &scenario() const { return m_scenario; }
    // The latest evaluation shown. While isComputing(), it is of an earlier version of the
    // scenario (the views say "computing…"); never of a later one.
    const Results &results() const { return m_results; }
    // An evaluation of the current scenario is running on a worker thread.
    bool isComputing() const { return m_computing; }
    // Evaluations expected to take longer than this (the last one did) run on a worker
    // thread, the latest request winning; shorter ones run at once, so an edit and its
    // figures arrive in the same frame. Tests set 0 to force the worker.
    void setEvaluationBudgetMs(double ms) { m_evaluationBudgetMs = ms; }
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
    // The scenario or its results changed. change says what of the scenario changed
    // (core/edit/change.h); a change that is none() brings new results only (an
    // evaluation finished on the worker). A load or a new document changes everything.
    void changed(const dci::ScenarioChange &change);
    // An evaluation started or finished on the worker thread.
    void computingChanged(bool computing);
    // The modified state changed (title bar marker).
    void modifiedChanged(bool modified);

private:
    // Replaces the scenario; `change` is what the views are told. fresh: another plan (a
    // load, a new or adopted one), whose results start from nothing.
    void replaceScenario(const Scenario &scenario, const ScenarioChange &change, bool fresh = false);
    // Evaluates now when it is quick, else on the worker; true when the results are current.
    bool evaluate();
    void startWorker();
    void workerFinished();

    struct Evaluation {
        Results results;
        quint64 revision = 0;
        double elapsed_ms = 0.0;
    };

    Scenario m_scenario;
    Results m_results;
    Catalog m_catalog;
    QString m_filePath;
    bool m_hasScenario = false;
    bool m_unsavedOrigin = false; // adopted (or restored) and never saved
    bool m_recovered = false;
    FileStamp m_diskStamp;        // of m_filePath, as last read or written
    int m_writeFaultErrno = 0;
    QUndoStack *m_undo = nullptr; // child
    quint64 m_revision = 0;           // of the scenario: one more at every change
    quint64 m_structureRevision = 0;  // the last revision that added, removed or rejoined elements
    bool m_computing = false;
    double m_lastEvaluateMs = 0.0;
    double m_evaluationBudgetMs;
    QFutureWatcher<Evaluation> m_worker;
};

} // namespace dci
