#include "document.h"

#include "engine/evaluate.h"
#include "io/scenariojson.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUndoCommand>
#include <QUndoStack>

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

} // namespace

Document::Document(QObject *parent)
    : QObject(parent)
    , m_catalog(Catalog::builtin())
    , m_undo(new QUndoStack(this))
{
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool) { emit modifiedChanged(isModified()); });
}

bool Document::load(const QString &path, QStringList *errors)
{
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
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_hasScenario = true;
    setScenario(*scenario);
    m_undo->setClean();
    emit modifiedChanged(false);
    return true;
}

void Document::newScenario()
{
    m_undo->clear();
    m_unsavedOrigin = false;
    m_filePath.clear();
    m_hasScenario = true;
    Scenario empty;
    empty.name = tr("Untitled plan").toStdString();
    setScenario(empty);
    m_undo->setClean();
    emit modifiedChanged(false);
}

bool Document::loadCopy(const QString &path, QStringList *errors)
{
    if (!load(path, errors))
        return false;
    m_filePath.clear();
    m_unsavedOrigin = false;
    emit modifiedChanged(false);
    emit changed(); // the title follows the path
    return true;
}

void Document::adopt(const Scenario &scenario)
{
    m_undo->clear();
    m_filePath.clear();
    m_hasScenario = true;
    setScenario(scenario);
    m_undo->setClean();
    m_unsavedOrigin = true;
    emit modifiedChanged(true);
}

bool Document::saveAs(const QString &path, QString *error)
{
    QSaveFile file(path);
    const std::string text = writeScenario(m_scenario);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())
        || !file.commit()) {
        if (error)
            *error = tr("%1: cannot save: %2").arg(path, file.errorString());
        return false;
    }
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_unsavedOrigin = false;
    m_undo->setClean();
    emit modifiedChanged(false);
    emit changed(); // the display name may follow the file name
    return true;
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
    m_scenario = scenario;
    evaluateNow();
    emit changed();
}

void Document::evaluateNow()
{
    try {
        m_catalog = applyOverrides(Catalog::builtin(), m_scenario.assumptions);
        m_results = evaluate(m_scenario, Catalog::builtin());
    } catch (const std::exception &e) {
        // Only a programming error gets here: show it rather than lose the document.
        m_results = Results{};
        m_results.diagnostics.push_back({Severity::Error, "internal", "", std::string("internal error: ") + e.what()});
    }
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
