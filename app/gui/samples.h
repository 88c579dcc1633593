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

} // namespace dci
