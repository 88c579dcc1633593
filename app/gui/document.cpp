#include "document.h"

#include "engine/evaluate.h"
#include "io/scenariojson.h"
#include "model/catalog.h"

#include <QFile>
#include <QFileInfo>

#include <exception>

namespace dci {

Document::Document(QObject *parent)
    : QObject(parent)
{
}

bool Document::load(const QString &path, QStringList *errors)
{
    const Catalog &catalog = Catalog::builtin();
    std::optional<Scenario> scenario;
    Results results;
    try {
        ScenarioLoad loaded = readScenarioFile(QFile::encodeName(path).toStdString(), catalog);
        if (!loaded.ok()) {
            if (errors) {
                errors->clear();
                for (const std::string &e : loaded.errors)
                    errors->append(QString::fromStdString(e));
            }
            return false;
        }
        scenario = std::move(loaded.scenario);
        results = evaluate(*scenario, catalog);
    } catch (const std::exception &e) {
        // The engine throws only on programming errors; the user still gets a message
        // and keeps the scenario that was open.
        if (errors)
            *errors = QStringList{QStringLiteral("%1: internal error: %2").arg(path, QString::fromUtf8(e.what()))};
        return false;
    }

    m_scenario = std::move(*scenario);
    m_results = std::move(results);
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_hasScenario = true;
    emit changed();
    return true;
}

QString Document::displayName() const
{
    if (!m_hasScenario)
        return QString();
    if (!m_scenario.name.empty())
        return QString::fromStdString(m_scenario.name);
    return QFileInfo(m_filePath).fileName();
}

} // namespace dci
