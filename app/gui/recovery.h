#pragma once

// No lost work (issue 16 #6): the open plan autosaved to a recovery folder a moment after
// each edit, and at the next start the autosaves of a program that stopped offered back.
//
// The recovery folder (recoveryDir()) holds, per open document, three files named by one
// id: ID.plan.json (the scenario as Save writes it), ID.meta.json (where it came from,
// when, which process) and ID.lock (a QLockFile held while the document is open). A lock
// whose process is gone is stale, so the autosaves behind it belong to nobody and are
// offered; a live program's autosaves are never offered.

#include "document.h"

#include <QDateTime>
#include <QDialog>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QLabel;
class QLockFile;
class QPushButton;
class QTimer;
class QTreeWidget;

namespace dci {

// DCI_RECOVERY_DIR when set (tests), else AppDataLocation/recovery.
QString recoveryDir();

// How long after the last edit the autosave writes: DCI_AUTOSAVE_MS when set, else 3 s.
int defaultAutosaveDelayMs();

// Writes a document's scenario to the recovery folder after each edit, debounced, and
// removes it again when nothing is left to lose (saved, discarded, back to clean, closed).
// The writes are atomic (QSaveFile): a crash mid-write leaves the previous autosave. The
// GUI thread only serialises the plan (under a millisecond at 158 sites); the files are
// written and synced on a worker thread, which takes 2-30 ms on a busy disk.
// Owned by the window that owns the document, which it reads only on the GUI thread.
class Autosaver : public QObject
{
    Q_OBJECT

public:
    explicit Autosaver(Document *document, QObject *parent = nullptr);
    // A clean close: the autosave goes with the program.
    ~Autosaver() override;

    void setDelayMs(int ms);
    int delayMs() const { return m_delayMs; }
    QString folder() const { return m_dir; }
    // ID.plan.json of this document (exists only while an autosave is kept).
    QString planPath() const;
    QString metaPath() const;

    // Writes now, on this thread, after any write in flight (a restored plan must be safe
    // before its old autosave goes). False with *error when the folder cannot be written.
    bool writeNow(QString *error = nullptr);
    // Removes this document's autosave and releases its lock.
    void discard();

    // Autosaves written since construction; how long the last one kept the GUI thread
    // (serialising, starting the worker) and how long writing its files took.
    int writeCount() const { return m_writes; }
    double lastBlockingMs() const { return m_lastBlockingMs; }
    double lastWriteMs() const { return m_lastWriteMs; }

signals:
    void written(const QString &planPath);
    void failed(const QString &message);

private:
    struct Written {
        QString error; // empty: written
        double elapsed_ms = 0.0;
        quint64 generation = 0;
    };

    void documentChanged(const dci::ScenarioChange &change);
    void timeout();
    // The autosave's two files as bytes, the folder made and the lock held.
    bool prepare(QByteArray *plan, QByteArray *meta, QString *error);
    void startWrite();
    void writeFinished();
    void reportFailure(const QString &message);

    Document *m_document;
    QString m_dir;
    QString m_id;
    QTimer *m_timer;
    std::unique_ptr<QLockFile> m_lock; // taken at the first write, held until discard()
    int m_delayMs;
    QFutureWatcher<Written> m_worker;
    quint64 m_generation = 0; // one more at every discard: a write started before it is void
    bool m_pending = false;   // an edit's autosave waits for the write in flight
    int m_writes = 0;
    double m_lastBlockingMs = 0.0;
    double m_lastWriteMs = 0.0;
    bool m_reportedFailure = false; // one status message per run of failures
};

// An autosave left by a program that is gone. Holding it holds its lock, so another
// instance starting meanwhile does not offer it too.
struct RecoveryEntry {
    QString planPath;
    QString metaPath;
    QString originalPath; // empty: the plan was untitled
    QString name;         // the plan's name when it was autosaved
    QDateTime savedAt;
    qint64 pid = 0;
    QString appVersion;
    FileStamp originalStamp; // the original file as the stopped program last read or saved it
    std::shared_ptr<QLockFile> lock;

    // Deletes the autosave (plan, metadata and lock).
    void remove() const;
};

struct RecoveryScan {
    QList<RecoveryEntry> entries; // oldest first
    // Autosaves that do not read: the reader's message; each was renamed to *.corrupt.
    QStringList problems;
};

// The autosaves in `dir` whose program is gone. Never throws; an autosave that does not
// read is set aside (renamed *.corrupt) and reported, never offered.
RecoveryScan scanRecovery(const QString &dir);

// The start-up offer: the autosaves with plan, original file and time, and Restore /
// Discard / Decide Later. Discard deletes the selected one at once and the dialog stays
// while any are left; Restore closes it with chosen() set; Decide Later keeps them all.
class RecoveryDialog : public QDialog
{
    Q_OBJECT

public:
    RecoveryDialog(QList<RecoveryEntry> entries, const QStringList &problems, QWidget *parent = nullptr);

    // The entry to restore, after Restore.
    const RecoveryEntry *chosen() const { return m_chosen >= 0 ? &m_entries[m_chosen] : nullptr; }
    // The entries still on offer (not discarded).
    const QList<RecoveryEntry> &entries() const { return m_entries; }

    QTreeWidget *list() const { return m_list; }
    QPushButton *restoreButton() const { return m_restore; }
    QPushButton *discardButton() const { return m_discard; }
    QPushButton *laterButton() const { return m_later; }

private:
    void fill();
    void discardSelected();

    QList<RecoveryEntry> m_entries;
    int m_chosen = -1;
    QTreeWidget *m_list;
    QPushButton *m_restore;
    QPushButton *m_discard;
    QPushButton *m_later;
};

// Save found the file changed by another program since it was opened or saved here.
enum class DiskConflictAnswer { Overwrite, SaveAs, Cancel };
DiskConflictAnswer askChangedOnDisk(QWidget *parent, const QString &path);
// The text of that question (tests read it).
QString changedOnDiskText(const QString &path);

// What a failed save tells the user: the document's message plus that the file on disk is
// as it was and the changes are still open, to be saved elsewhere with Save As.
QString saveFailedAdvice(const QString &path);

} // namespace dci
