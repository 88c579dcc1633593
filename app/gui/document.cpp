#include "document.h"

#include "engine/evaluate.h"
#include "io/scenariojson.h"

#include <QCryptographicHash>
#include <QFile>
#include <QtConcurrent/QtConcurrentRun>
#include <QFileInfo>
#include <QSaveFile>
#include <QUndoCommand>
#include <QUndoStack>

#include <chrono>
#include <ctime>
#include <exception>

namespace dci {

namespace {

// One edit: the whole scenario before and after. Scenarios are small values (a thousand
// sites is well under a megabyte), and a snapshot makes undo exact by construction.
class EditCommand : public QUndoCommand
{
public:
    EditCommand(Document *doc, const QString &text, Scenario before, Scenario after, int mergeId)
        : QUndoCommand(text)
        , m_doc(doc)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_mergeId(mergeId)
    {
    }

    void undo() override { m_doc->setScenario(m_before); }
    void redo() override { m_doc->setScenario(m_after); }
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *next = static_cast<const EditCommand *>(other);
        if (next->m_mergeKey != m_mergeKey)
            return false;
        m_after = next->m_after;
        return true;
    }
    void setMergeKey(const QString &key) { m_mergeKey = key; }

private:
    Document *m_doc;
    Scenario m_before;
    Scenario m_after;
    int m_mergeId;
    QString m_mergeKey;
};

// QUndoCommand::id() for edits that may merge; -1 never merges.
constexpr int kMergeableEdit = 1;

// An evaluation that took longer than this runs the next one on the worker thread: half a
// 60 Hz frame, leaving the other half to redraw (docs/PERFORMANCE.md, issue 15's goals).
constexpr double kDefaultEvaluationBudgetMs = 8.0;

// Everything changed: a load, a new document, an adopted import.
ScenarioChange everything()
{
    ScenarioChange change;
    change.structure = true;
    change.plan = true;
    return change;
}

// CPU time of the calling thread, in milliseconds: what an evaluation costs, unaffected by
// other programs taking the core away meanwhile (a busy machine must not send quick plans
// to the worker). Wall time where the platform has no thread clock.
double threadCpuMs()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
#else
    static const auto start = std::chrono::steady_clock::now();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
#endif
}

Results evaluateSafely(const Scenario &scenario)
{
    try {
        return evaluate(scenario, Catalog::builtin());
    } catch (const std::exception &e) {
        // Only a programming error gets here: show it rather than lose the document.
        Results results;
        results.diagnostics.push_back({Severity::Error, "internal", "", std::string("internal error: ") + e.what()});
        return results;
    }
}

} // namespace

FileStamp FileStamp::of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return FileStamp{};
    FileStamp stamp;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return FileStamp{};
    stamp.sha256 = hash.result();
    const QFileInfo info(path);
    stamp.size_bytes = info.size();
    stamp.modified = info.lastModified();
    return stamp;
}

Document::Document(QObject *parent)
    : QObject(parent)
    , m_catalog(Catalog::builtin())
    , m_undo(new QUndoStack(this))
    , m_evaluationBudgetMs(kDefaultEvaluationBudgetMs)
{
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool) { emit modifiedChanged(isModified()); });
    connect(&m_worker, &QFutureWatcher<Evaluation>::finished, this, &Document::workerFinished);
}

Document::~Document()
{
    // The worker holds its own copy of the scenario; wait so it does not outlive the
    // document's results it would be delivered to.
    m_worker.waitForFinished();
}

bool Document::load(const QString &path, QStringList *errors)
{
    // Taken before reading: a change made while it is read shows as a change at Save.
    const FileStamp stamp = FileStamp::of(path);
    std::optional<Scenario> scenario;
    try {
        ScenarioLoad loaded = readScenarioFile(QFile::encodeName(path).toStdString(), Catalog::builtin());
        if (!loaded.ok()) {
            if (errors) {
                errors->clear();
                for (const std::string &e : loaded.errors)
                    errors->append(QString::fromStdString(e));
            }
            return false;
        }
        scenario = std::move(loaded.scenario);
    } catch (const std::exception &e) {
        // The reader throws only on programming errors; the user still gets a message
        // and keeps the scenario that was open.
        if (errors)
            *errors = QStringList{QStringLiteral("%1: internal error: %2").arg(path, QString::fromUtf8(e.what()))};
        return false;
    }
    m_undo->clear();
    m_unsavedOrigin = false;
    m_recovered = false;
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_diskStamp = stamp;
    m_hasScenario = true;
    replaceScenario(*scenario, everything(), true);
    m_undo->setClean();
    emit modifiedChanged(false);
    return true;
}

void Document::newScenario()
{
    m_undo->clear();
    m_unsavedOrigin = false;
    m_recovered = false;
    m_filePath.clear();
    m_diskStamp = FileStamp{};
    m_hasScenario = true;
    Scenario empty;
    empty.name = tr("Untitled plan").toStdString();
    replaceScenario(empty, everything(), true);
    m_undo->setClean();
    emit modifiedChanged(false);
}

bool Document::loadCopy(const QString &path, QStringList *errors)
{
    if (!load(path, errors))
        return false;
    m_filePath.clear();
    m_diskStamp = FileStamp{};
    m_unsavedOrigin = false;
    emit modifiedChanged(false);
    emit changed(everything()); // the title follows the path
    return true;
}

bool Document::loadRecovered(const QString &recoveryPath, const QString &originalPath, const FileStamp &originalStamp,
                             QStringList *errors)
{
    if (!load(recoveryPath, errors))
        return false;
    m_filePath = originalPath.isEmpty() ? QString() : QFileInfo(originalPath).absoluteFilePath();
    m_diskStamp = originalPath.isEmpty() ? FileStamp{} : originalStamp;
    m_unsavedOrigin = true; // what was restored is not in any file the user chose
    m_recovered = true;
    emit modifiedChanged(true);
    emit changed(everything()); // the title follows the path
    return true;
}

void Document::adopt(const Scenario &scenario)
{
    m_undo->clear();
    m_filePath.clear();
    m_diskStamp = FileStamp{};
    m_recovered = false;
    m_hasScenario = true;
    replaceScenario(scenario, everything(), true);
    m_undo->setClean();
    m_unsavedOrigin = true;
    emit modifiedChanged(true);
}

bool Document::saveAs(const QString &path, QString *error)
{
    const auto fail = [&](const QString &reason) {
        if (error)
            *error = tr("%1: cannot save: %2").arg(path, reason);
        return false;
    };
    // QSaveFile renames its new file over the old one, which a read-only file alone does
    // not prevent: refuse here as a plain write would.
    const QFileInfo existing(path);
    if (existing.exists() && !existing.isWritable())
        return fail(tr("the file is read-only"));
    QSaveFile file(path);
    const std::string text = writeScenario(m_scenario);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    if (m_writeFaultErrno != 0) {
        // As a full disk: part of the file written, then the write fails. The new file is
        // dropped, the old one never touched.
        file.write(text.data(), static_cast<qint64>(text.size() / 2));
        file.cancelWriting();
        return fail(qt_error_string(m_writeFaultErrno));
    }
    if (file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())
        || !file.commit())
        return fail(file.errorString());
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_diskStamp.size_bytes = static_cast<qint64>(text.size());
    m_diskStamp.modified = QFileInfo(m_filePath).lastModified();
    m_diskStamp.sha256 = QCryptographicHash::hash(QByteArrayView(text.data(), static_cast<qsizetype>(text.size())),
                                                  QCryptographicHash::Sha256);
    m_unsavedOrigin = false;
    m_recovered = false;
    m_undo->setClean();
    emit modifiedChanged(false);
    emit changed(ScenarioChange{}); // the display name may follow the file name
    return true;
}

bool Document::changedOnDisk() const
{
    if (m_filePath.isEmpty() || m_diskStamp.isNull())
        return false;
    const QFileInfo info(m_filePath);
    if (!info.exists())
        return false; // gone: Save writes it again, nothing of another program's is lost
    if (info.size() == m_diskStamp.size_bytes && info.lastModified() == m_diskStamp.modified)
        return false;
    // Touched or rewritten: changed only if the content differs (unreadable counts as changed).
    const FileStamp now = FileStamp::of(m_filePath);
    return now.isNull() || now.sha256 != m_diskStamp.sha256;
}

bool Document::applyEdit(const QString &description, const Scenario &after, QString *reason, const QString &mergeKey)
{
    if (!m_hasScenario)
        return false;
    const std::vector<std::string> problems = checkScenario(after, Catalog::builtin());
    if (!problems.empty()) {
        if (reason)
            *reason = QString::fromStdString(problems.front());
        return false;
    }
    auto *command = new EditCommand(this, description, m_scenario, after, mergeKey.isEmpty() ? -1 : kMergeableEdit);
    command->setMergeKey(mergeKey);
    m_undo->push(command); // runs redo(): stores the scenario and re-evaluates
    return true;
}

void Document::setScenario(const Scenario &scenario)
{
    const ScenarioChange change = diffScenarios(m_scenario, scenario);
    replaceScenario(scenario, change);
}

void Document::replaceScenario(const Scenario &scenario, const ScenarioChange &change, bool fresh)
{
    if (fresh)
        m_results = Results{}; // another plan: its predecessor's figures mean nothing here
    m_scenario = scenario;
    ++m_revision;
    if (change.structure)
        m_structureRevision = m_revision;
    if (change.plan || change.structure)
        m_catalog = applyOverrides(Catalog::builtin(), m_scenario.assumptions);
    evaluate();
    emit changed(change);
}

bool Document::evaluate()
{
    if (m_lastEvaluateMs <= m_evaluationBudgetMs && m_evaluationBudgetMs > 0.0 && !m_worker.isRunning()) {
        const double start_ms = threadCpuMs();
        m_results = evaluateSafely(m_scenario);
        m_lastEvaluateMs = threadCpuMs() - start_ms;
        if (m_computing) {
            m_computing = false;
            emit computingChanged(false);
        }
        return true;
    }
    if (!m_computing) {
        m_computing = true;
        emit computingChanged(true);
    }
    if (!m_worker.isRunning())
        startWorker();
    // else: workerFinished() starts the next one with the scenario as it is then.
    return false;
}

void Document::startWorker()
{
    const quint64 revision = m_revision;
    m_worker.setFuture(QtConcurrent::run([scenario = m_scenario, revision] {
        const double start_ms = threadCpuMs();
        Evaluation e;
        e.results = evaluateSafely(scenario);
        e.revision = revision;
        e.elapsed_ms = threadCpuMs() - start_ms;
        return e;
    }));
}

void Document::workerFinished()
{
    Evaluation e = m_worker.result();
    m_lastEvaluateMs = e.elapsed_ms;
    // Shown even when the scenario has moved on meanwhile (still "computing…"): it is newer
    // than what is shown, and a drag keeps its figures moving; but never the results of a
    // plan whose elements have since been added, removed or rejoined.
    const bool showable = e.revision >= m_structureRevision;
    if (showable)
        m_results = std::move(e.results);
    if (e.revision != m_revision) {
        startWorker(); // the latest request wins; the ones in between are never computed
    } else {
        m_computing = false;
        emit computingChanged(false);
    }
    if (showable)
        emit changed(ScenarioChange{});
}

bool Document::isModified() const
{
    return m_hasScenario && (m_unsavedOrigin || !m_undo->isClean());
}

QString Document::displayName() const
{
    if (!m_hasScenario)
        return QString();
    if (!m_scenario.name.empty())
        return QString::fromStdString(m_scenario.name);
    if (!m_filePath.isEmpty())
        return QFileInfo(m_filePath).fileName();
    return tr("Untitled");
}

} // namespace dci
