#pragma once

#include <QList>
#include <QString>

namespace dci {

struct SampleInfo {
    QString path;
    QString title; // the scenario's "name", or the file name when it has none
};

// The folder with the sample scenarios, first that exists of: $DCI_SAMPLES_DIR;
// <program dir>/../share/dciplanner/samples (installed); the source tree's samples/
// (running from a build directory). Empty when none exists.
QString findSamplesDir();

// The *.json files of a folder, sorted by file name, each titled by its "name".
QList<SampleInfo> listSamples(const QString &dir);

// The folder with the real networks the project ships (resources/networks, with their
// licences), first that exists of: $DCI_NETWORKS_DIR; <program dir>/../share/dciplanner/
// networks (installed); the source tree's resources/networks. Empty when none exists.
QString findNetworksDir();

// The folder with the lessons (Help > Lessons, issue 17), first that exists of:
// $DCI_LESSONS_DIR; <program dir>/../share/dciplanner/lessons (installed); the source
// tree's resources/lessons. Empty when none exists.
QString findLessonsDir();

// The shipped networks File > Open Sample offers beside the samples (Abilene, Geant2009,
// CORONET CONUS), those of them present in `dir`, in that order. They are network files,
// not scenarios: the window opens them through the importer as a new, untitled plan.
QList<SampleInfo> listSampleNetworks(const QString &dir);

} // namespace dci
