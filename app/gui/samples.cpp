#include "samples.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace dci {

namespace {

// The first folder that exists of: $envVariable, <program dir>/<DCI_BIN_TO_DATA_DIR>/
// installedName, sourceDir.
QString findDataDir(const char *envVariable, const QString &installedName, const QString &sourceDir)
{
    QStringList candidates;
    const QString fromEnv = qEnvironmentVariable(envVariable);
    if (!fromEnv.isEmpty())
        candidates << fromEnv;
    candidates << QDir(QCoreApplication::applicationDirPath())
                      .filePath(QStringLiteral(DCI_BIN_TO_DATA_DIR "/") + installedName);
    candidates << sourceDir;
    for (const QString &dir : std::as_const(candidates)) {
        if (QFileInfo(dir).isDir())
            return QDir(dir).canonicalPath();
    }
    return QString();
}

} // namespace

QString findSamplesDir()
{
    return findDataDir("DCI_SAMPLES_DIR", QStringLiteral("samples"), QStringLiteral(DCI_SOURCE_SAMPLES_DIR));
}

QString findNetworksDir()
{
    return findDataDir("DCI_NETWORKS_DIR", QStringLiteral("networks"), QStringLiteral(DCI_SOURCE_NETWORKS_DIR));
}

QString findLessonsDir()
{
    return findDataDir("DCI_LESSONS_DIR", QStringLiteral("lessons"), QStringLiteral(DCI_SOURCE_LESSONS_DIR));
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

QList<SampleInfo> listSampleNetworks(const QString &dir)
{
    // A chosen few: the folder also holds networks and equipment files only the tests use.
    const struct {
        const char *file;
        const char *title;
    } kNetworks[] = {
        {"topologyzoo/Abilene.graphml", "Abilene: US research backbone, 11 sites (Topology Zoo)"},
        {"topologyzoo/Geant2009.graphml", "GÉANT 2009: European research backbone, 34 sites (Topology Zoo)"},
        {"gnpy/CORONET_CONUS_Topology.json", "CORONET CONUS: 75 US cities with fiber lengths (GNPy)"},
    };
    QList<SampleInfo> networks;
    if (dir.isEmpty())
        return networks;
    for (const auto &network : kNetworks) {
        const QString path = QDir(dir).filePath(QString::fromUtf8(network.file));
        if (QFileInfo(path).isFile())
            networks.append({path, QString::fromUtf8(network.title)});
    }
    return networks;
}

} // namespace dci
