#include "samples.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace dci {

QString findSamplesDir()
{
    QStringList candidates;
    const QString fromEnv = qEnvironmentVariable("DCI_SAMPLES_DIR");
    if (!fromEnv.isEmpty())
        candidates << fromEnv;
    candidates << QDir(QCoreApplication::applicationDirPath())
                      .filePath(QStringLiteral(DCI_BIN_TO_DATA_DIR "/samples"));
    candidates << QStringLiteral(DCI_SOURCE_SAMPLES_DIR);
    for (const QString &dir : std::as_const(candidates)) {
        if (QFileInfo(dir).isDir())
            return QDir(dir).canonicalPath();
    }
    return QString();
}

QList<SampleInfo> listSamples(const QString &dir)
{
    QList<SampleInfo> samples;
    if (dir.isEmpty())
        return samples;
    const QFileInfoList files = QDir(dir).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QFileInfo &file : files) {
        // Only the title is needed here; the full validation happens when it is opened.
        QString title;
        QFile f(file.filePath());
        if (f.open(QIODevice::ReadOnly))
            title = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("name")).toString();
        if (title.isEmpty())
            title = file.completeBaseName();
        samples.append({file.filePath(), title});
    }
    return samples;
}

} // namespace dci
