#include "recovery.h"

#include "io/scenariojson.h"
#include "model/catalog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QLockFile>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <QTreeWidget>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>
#include <QVBoxLayout>

#include <algorithm>
#include <exception>

namespace dci {

namespace {

constexpr int kDefaultAutosaveDelayMs = 3000;
constexpr int kRecoveryFormatVersion = 1;
const QLatin1StringView kRecoveryFormat("dciplanner-recovery");
const QLatin1StringView kPlanSuffix(".plan.json");
const QLatin1StringView kMetaSuffix(".meta.json");
const QLatin1StringView kLockSuffix(".lock");
const QLatin1StringView kCorruptSuffix(".corrupt");

QString pathFor(const QString &dir, const QString &id, QLatin1StringView suffix)
{
    return QDir(dir).filePath(QString(id + suffix));
}

// Writes `bytes` to `path` atomically; false with *error ("PATH: reason").
bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (error)
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
    return false;
}

// A lock whose process is gone is stale at once; a live one never is, however old.
std::unique_ptr<QLockFile> makeLock(const QString &path)
{
    auto lock = std::make_unique<QLockFile>(path);
    lock->setStaleLockTime(0);
    return lock;
}

// Moves a file that does not read out of the way, keeping it for whoever wants to look;
// returns where it went (empty: there was no such file).
QString setAside(const QString &path)
{
    if (!QFileInfo::exists(path))
        return QString();
    QString target = path + kCorruptSuffix;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = path + kCorruptSuffix + QString::number(n);
    if (!QFile::rename(path, target))
        QFile::remove(path); // cannot keep it: at least never offer it again
    return target;
}

} // namespace

QString recoveryDir()
{
    const QString overridden = qEnvironmentVariable("DCI_RECOVERY_DIR");
    if (!overridden.isEmpty())
        return overridden;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("recovery"));
}

int defaultAutosaveDelayMs()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("DCI_AUTOSAVE_MS", &ok);
    return ok && ms >= 0 ? ms : kDefaultAutosaveDelayMs;
}

// ---- Autosaver ----

Autosaver::Autosaver(Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_dir(recoveryDir())
    , m_id(QStringLiteral("autosave-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_timer(new QTimer(this))
    , m_delayMs(defaultAutosaveDelayMs())
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(m_delayMs);
    connect(m_timer, &QTimer::timeout, this, &Autosaver::timeout);
    connect(&m_worker, &QFutureWatcher<Written>::finished, this, &Autosaver::writeFinished);
    connect(m_document, &Document::changed, this, &Autosaver::documentChanged);
    connect(m_document, &Document::modifiedChanged, this, [this](bool modified) {
        if (modified) {
            if (!m_timer->isActive())
                m_timer->start();
        } else {
            discard(); // saved, or back to what is on disk: nothing to lose
        }
    });
}

Autosaver::~Autosaver()
{
    discard();
}

void Autosaver::setDelayMs(int ms)
{
    m_delayMs = std::max(0, ms);
    m_timer->setInterval(m_delayMs);
}

QString Autosaver::planPath() const
{
    return pathFor(m_dir, m_id, kPlanSuffix);
}

QString Autosaver::metaPath() const
{
    return pathFor(m_dir, m_id, kMetaSuffix);
}

void Autosaver::documentChanged(const ScenarioChange &change)
{
    if (change.none())
        return; // new figures only
    m_timer->start(); // restarts: one write a moment after the last edit of a burst
}

void Autosaver::timeout()
{
    if (!m_document->hasScenario() || !m_document->isModified()) {
        discard();
        return;
    }
    if (m_worker.isRunning())
        m_pending = true; // writeFinished() writes the plan as it is then
    else
        startWrite();
}

bool Autosaver::prepare(QByteArray *plan, QByteArray *meta, QString *error)
{
    if (!m_document->hasScenario())
        return false;
    if (!QDir().mkpath(m_dir)) {
        if (error)
            *error = tr("%1: cannot create the recovery folder").arg(m_dir);
        return false;
    }
    // Never over the user's own file, whatever the recovery folder is set to.
    if (!m_document->filePath().isEmpty()
        && QFileInfo(planPath()).absoluteFilePath() == QFileInfo(m_document->filePath()).absoluteFilePath()) {
        if (error)
            *error = tr("%1: the recovery file would be the plan's own file").arg(planPath());
        return false;
    }
    if (!m_lock) {
        const QString lockPath = pathFor(m_dir, m_id, kLockSuffix);
        std::unique_ptr<QLockFile> lock = makeLock(lockPath);
        if (!lock->tryLock(0)) {
            if (error)
                *error = tr("%1: cannot lock the recovery file").arg(lockPath);
            return false;
        }
        m_lock = std::move(lock);
    }
    *plan = QByteArray::fromStdString(writeScenario(m_document->scenario()));
    const FileStamp &stamp = m_document->diskStamp();
    QJsonObject record{
        {QStringLiteral("format"), kRecoveryFormat},
        {QStringLiteral("version"), kRecoveryFormatVersion},
        {QStringLiteral("original_path"), m_document->filePath()},
        {QStringLiteral("name"), m_document->displayName()},
        {QStringLiteral("saved_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("pid"), QCoreApplication::applicationPid()},
        {QStringLiteral("app_version"), QStringLiteral(DCI_VERSION)},
    };
    if (!m_document->filePath().isEmpty() && !stamp.isNull()) {
        record.insert(QStringLiteral("original_size_bytes"), stamp.size_bytes);
        record.insert(QStringLiteral("original_modified"), stamp.modified.toUTC().toString(Qt::ISODateWithMs));
        record.insert(QStringLiteral("original_sha256"), QString::fromLatin1(stamp.sha256.toHex()));
    }
    *meta = QJsonDocument(record).toJson();
    return true;
}

namespace {

// The plan first: metadata beside an older plan would only name it wrongly for a moment.
QString writeFiles(const QString &planPath, const QByteArray &plan, const QString &metaPath, const QByteArray &meta)
{
    QString error;
    if (!writeAtomically(planPath, plan, &error) || !writeAtomically(metaPath, meta, &error))
        return error;
    return QString();
}

} // namespace

void Autosaver::startWrite()
{
    QElapsedTimer clock;
    clock.start();
    QByteArray plan;
    QByteArray meta;
    QString error;
    if (!prepare(&plan, &meta, &error)) {
        reportFailure(error);
        return;
    }
    m_worker.setFuture(QtConcurrent::run([planPath = planPath(), plan, metaPath = metaPath(), meta,
                                          generation = m_generation] {
        QElapsedTimer writing;
        writing.start();
        Written w;
        w.error = writeFiles(planPath, plan, metaPath, meta);
        w.elapsed_ms = static_cast<double>(writing.nsecsElapsed()) / 1e6;
        w.generation = generation;
        return w;
    }));
    m_lastBlockingMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
}

void Autosaver::writeFinished()
{
    const Written w = m_worker.result();
    if (w.generation != m_generation)
        return; // discarded meanwhile: its files are gone and stay gone
    if (!w.error.isEmpty()) {
        reportFailure(w.error);
    } else {
        m_reportedFailure = false;
        ++m_writes;
        m_lastWriteMs = w.elapsed_ms;
        emit written(planPath());
    }
    if (m_pending) {
        m_pending = false;
        if (m_document->isModified())
            startWrite();
    }
}

void Autosaver::reportFailure(const QString &message)
{
    if (!m_reportedFailure)
        emit failed(message);
    m_reportedFailure = true;
}

bool Autosaver::writeNow(QString *error)
{
    m_worker.waitForFinished();
    QElapsedTimer clock;
    clock.start();
    QByteArray plan;
    QByteArray meta;
    if (!prepare(&plan, &meta, error))
        return false;
    const QString problem = writeFiles(planPath(), plan, metaPath(), meta);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    ++m_writes;
    m_lastWriteMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    emit written(planPath());
    return true;
}

void Autosaver::discard()
{
    m_timer->stop();
    m_pending = false;
    m_worker.waitForFinished(); // a write in flight must not bring the files back
    ++m_generation;
    if (!m_lock)
        return; // nothing written
    QFile::remove(planPath());
    QFile::remove(metaPath());
    m_lock->unlock(); // removes the lock file
    m_lock.reset();
}

// ---- the start-up offer ----

void RecoveryEntry::remove() const
{
    QFile::remove(planPath);
    QFile::remove(metaPath);
    if (lock)
        lock->unlock(); // removes the lock file
}

namespace {

// Reads ID.meta.json into `entry`; false with *problem when it is not a recovery record.
bool readMeta(const QString &path, RecoveryEntry *entry, QString *problem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError) {
        *problem = Autosaver::tr("%1: at byte %2: %3").arg(path).arg(parse.offset).arg(parse.errorString());
        return false;
    }
    const QJsonObject meta = doc.object();
    if (!doc.isObject() || meta.value(QStringLiteral("format")).toString() != kRecoveryFormat) {
        *problem = Autosaver::tr("%1: not a DCI Planner recovery record").arg(path);
        return false;
    }
    entry->originalPath = meta.value(QStringLiteral("original_path")).toString();
    entry->name = meta.value(QStringLiteral("name")).toString();
    entry->savedAt = QDateTime::fromString(meta.value(QStringLiteral("saved_at")).toString(), Qt::ISODateWithMs);
    entry->pid = meta.value(QStringLiteral("pid")).toInteger();
    entry->appVersion = meta.value(QStringLiteral("app_version")).toString();
    if (meta.contains(QStringLiteral("original_sha256"))) {
        entry->originalStamp.size_bytes = meta.value(QStringLiteral("original_size_bytes")).toInteger(-1);
        entry->originalStamp.modified =
            QDateTime::fromString(meta.value(QStringLiteral("original_modified")).toString(), Qt::ISODateWithMs);
        entry->originalStamp.sha256 =
            QByteArray::fromHex(meta.value(QStringLiteral("original_sha256")).toString().toLatin1());
    }
    return true;
}

} // namespace

RecoveryScan scanRecovery(const QString &dir)
{
    RecoveryScan scan;
    const QDir folder(dir);
    if (dir.isEmpty() || !folder.exists())
        return scan;
    QStringList ids;
    const QStringList names = folder.entryList(
        {QString(QStringLiteral("*") + kPlanSuffix), QString(QStringLiteral("*") + kMetaSuffix)}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const QString id = name.chopped(name.endsWith(kPlanSuffix) ? kPlanSuffix.size() : kMetaSuffix.size());
        if (!ids.contains(id))
            ids.append(id);
    }
    for (const QString &id : ids) {
        std::unique_ptr<QLockFile> lock = makeLock(pathFor(dir, id, kLockSuffix));
        if (!lock->tryLock(0))
            continue; // its program is running (or another instance is offering it now)
        RecoveryEntry entry;
        entry.planPath = pathFor(dir, id, kPlanSuffix);
        entry.metaPath = pathFor(dir, id, kMetaSuffix);
        if (!QFileInfo::exists(entry.planPath)) {
            // Metadata without a plan: nothing to restore.
            QFile::remove(entry.metaPath);
            lock->unlock();
            continue;
        }
        // Without readable metadata the plan is still offered, as untitled.
        QString metaProblem;
        if (QFileInfo::exists(entry.metaPath) && !readMeta(entry.metaPath, &entry, &metaProblem)) {
            scan.problems.append(metaProblem);
            scan.problems.append(Autosaver::tr("%1: kept aside as %2").arg(entry.metaPath, setAside(entry.metaPath)));
        }
        QStringList errors;
        try {
            const ScenarioLoad loaded = readScenarioFile(QFile::encodeName(entry.planPath).toStdString(), Catalog::builtin());
            for (const std::string &e : loaded.errors)
                errors.append(QString::fromStdString(e));
            if (loaded.ok() && entry.name.isEmpty())
                entry.name = QString::fromStdString(loaded.scenario->name);
        } catch (const std::exception &e) {
            errors.append(QStringLiteral("%1: internal error: %2").arg(entry.planPath, QString::fromUtf8(e.what())));
        }
        if (!errors.isEmpty()) {
            scan.problems.append(errors);
            scan.problems.append(Autosaver::tr("%1: kept aside as %2").arg(entry.planPath, setAside(entry.planPath)));
            setAside(entry.metaPath);
            lock->unlock();
            continue;
        }
        if (!entry.savedAt.isValid())
            entry.savedAt = QFileInfo(entry.planPath).lastModified();
        entry.lock = std::move(lock);
        scan.entries.append(entry);
    }
    std::stable_sort(scan.entries.begin(), scan.entries.end(),
                     [](const RecoveryEntry &a, const RecoveryEntry &b) { return a.savedAt < b.savedAt; });
    return scan;
}

RecoveryDialog::RecoveryDialog(QList<RecoveryEntry> entries, const QStringList &problems, QWidget *parent)
    : QDialog(parent)
    , m_entries(std::move(entries))
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("RecoveryDialog"));
    setWindowTitle(tr("Recover Unsaved Work"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("<b>DCI Planner stopped before these plans were saved.</b><br>"
                                "Their changes were autosaved and can be restored."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_list->setObjectName(QStringLiteral("recoveryList"));
    m_list->setHeaderLabels({tr("Plan"), tr("Original file"), tr("Autosaved")});
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformRowHeights(true);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    layout->addWidget(m_list);

    if (!problems.isEmpty()) {
        QString items;
        for (const QString &problem : problems)
            items += QStringLiteral("<li>%1</li>").arg(problem.toHtmlEscaped());
        auto *note = new QLabel(tr("<p>Some autosaves could not be read; they were kept aside:</p><ul>%1</ul>").arg(items),
                                this);
        note->setTextFormat(Qt::RichText);
        note->setObjectName(QStringLiteral("recoveryProblems"));
        note->setWordWrap(true);
        note->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(note);
    }
    auto *how = new QLabel(tr("Restore opens the selected plan with its changes unsaved: Save writes them to its "
                              "original file. Discard deletes the autosave. Decide Later keeps them all for the "
                              "next start."),
                           this);
    how->setWordWrap(true);
    layout->addWidget(how);

    auto *buttons = new QDialogButtonBox(this);
    m_restore = buttons->addButton(tr("Restore"), QDialogButtonBox::AcceptRole);
    m_discard = buttons->addButton(tr("Discard"), QDialogButtonBox::DestructiveRole);
    m_later = buttons->addButton(tr("Decide Later"), QDialogButtonBox::RejectRole);
    m_restore->setObjectName(QStringLiteral("restoreButton"));
    m_discard->setObjectName(QStringLiteral("discardButton"));
    m_later->setObjectName(QStringLiteral("laterButton"));
    m_restore->setDefault(true);
    layout->addWidget(buttons);
    connect(m_restore, &QPushButton::clicked, this, [this] {
        const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
        if (row < 0)
            return;
        m_chosen = row;
        accept();
    });
    connect(m_discard, &QPushButton::clicked, this, &RecoveryDialog::discardSelected);
    connect(m_later, &QPushButton::clicked, this, &QDialog::reject);
    fill();
    // As tall as its rows (three to eight), not the tree's default quarter screen.
    const int rows = std::clamp(static_cast<int>(m_entries.size()), 3, 8);
    const int rowHeightPx = fontMetrics().height() + 6;
    m_list->setFixedHeight((rows + 1) * rowHeightPx + 2 * m_list->frameWidth() + 4);
    setMinimumWidth(680);
    adjustSize();
}

void RecoveryDialog::fill()
{
    m_list->clear();
    for (const RecoveryEntry &entry : std::as_const(m_entries)) {
        const QString original = entry.originalPath.isEmpty() ? tr("untitled") : entry.originalPath;
        auto *item = new QTreeWidgetItem(
            m_list, {entry.name.isEmpty() ? tr("Untitled") : entry.name, original,
                     QLocale().toString(entry.savedAt.toLocalTime(), QLocale::ShortFormat)});
        item->setToolTip(1, original);
        item->setToolTip(0, tr("Autosaved by DCI Planner %1 (process %2) in %3")
                                .arg(entry.appVersion)
                                .arg(entry.pid)
                                .arg(entry.planPath));
    }
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(m_list->topLevelItemCount() - 1)); // the newest
    m_restore->setEnabled(!m_entries.isEmpty());
    m_discard->setEnabled(!m_entries.isEmpty());
}

void RecoveryDialog::discardSelected()
{
    const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
    if (row < 0)
        return;
    m_entries[row].remove();
    m_entries.removeAt(row);
    fill();
    if (m_entries.isEmpty())
        reject();
}

// ---- saving ----

QString changedOnDiskText(const QString &path)
{
    return Autosaver::tr("“%1” was changed by another program since you opened it.").arg(QFileInfo(path).fileName());
}

DiskConflictAnswer askChangedOnDisk(QWidget *parent, const QString &path)
{
    QMessageBox box(QMessageBox::Warning, Autosaver::tr("File Changed on Disk"), changedOnDiskText(path),
                    QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("changedOnDiskBox"));
    box.setInformativeText(Autosaver::tr("%1\n\nOverwrite replaces the other program's version with this plan. "
                                         "Save As… keeps both. Cancel saves nothing.")
                               .arg(QDir::toNativeSeparators(path)));
    QPushButton *overwrite = box.addButton(Autosaver::tr("Overwrite"), QMessageBox::DestructiveRole);
    QPushButton *saveAs = box.addButton(Autosaver::tr("Save As…"), QMessageBox::AcceptRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    overwrite->setObjectName(QStringLiteral("overwriteButton"));
    saveAs->setObjectName(QStringLiteral("saveAsButton"));
    box.setDefaultButton(saveAs);
    box.setEscapeButton(cancel);
    box.exec();
    if (box.clickedButton() == overwrite)
        return DiskConflictAnswer::Overwrite;
    if (box.clickedButton() == saveAs)
        return DiskConflictAnswer::SaveAs;
    return DiskConflictAnswer::Cancel;
}

QString saveFailedAdvice(const QString &path)
{
    const QString kept = QFileInfo::exists(path)
                             ? Autosaver::tr("The file “%1” is as it was before").arg(QDir::toNativeSeparators(path))
                             : Autosaver::tr("Nothing was written");
    return Autosaver::tr("%1, and your changes are still open. Use File › Save As… to save them in another folder "
                         "or on another disk.")
        .arg(kept);
}

} // namespace dci
