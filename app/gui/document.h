#pragma once

#include "engine/results.h"
#include "model/scenario.h"

#include <QObject>
#include <QString>
#include <QStringList>

namespace dci {

// The open scenario: owns the Scenario, the file it came from and the Results of the
// latest evaluation. Views read it and follow changed(); only the document (and, later,
// the undo commands it runs) changes the scenario.
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);

    // Reads and validates a scenario file. On success the document holds it, evaluates
    // it and emits changed(); on failure it stays as it was and *errors gets one
    // message per problem ("<file>: <JSON pointer>: <what was expected>").
    bool load(const QString &path, QStringList *errors);

    bool hasScenario() const { return m_hasScenario; }
    const Scenario &scenario() const { return m_scenario; }
    const Results &results() const { return m_results; }
    QString filePath() const { return m_filePath; }

    // The scenario's name, or its file name when it has none; empty without a scenario.
    QString displayName() const;

signals:
    // The scenario or its results changed (for now: a new scenario was loaded).
    void changed();

private:
    Scenario m_scenario;
    Results m_results;
    QString m_filePath;
    bool m_hasScenario = false;
};

} // namespace dci
