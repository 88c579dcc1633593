#pragma once

#include <QDialog>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

class QCompleter;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace dci {

struct City {
    QString name;
    QString country; // as Natural Earth spells it: "United States of America"
    QString region;  // state or province; may be empty
    double lat_deg = 0.0;
    double lon_deg = 0.0;
    qint64 population = 0;

    // "Portland, Oregon, United States of America"; the region is left out when empty or
    // the same as the name ("Singapore, Singapore").
    QString displayText() const;
};

// The world's cities and towns from Natural Earth's populated places
// (10m/ne_10m_populated_places_simple.shp in libmagics++-data, about 7,300 places), read
// once from the DBF with shapelib. Cities are kept most populous first.
class CitySearch
{
public:
    // dataDir empty: MapLayer::defaultDataDir() ($DCI_MAP_DIR or /usr/share/magics).
    explicit CitySearch(QString dataDir = QString());

    bool available() const { return !m_cities.empty(); }
    QString missingDataHint() const;

    // Cities whose name (or its ASCII spelling: "Sao Paulo") starts with prefix, case
    // insensitive, most populous first; at most max.
    std::vector<City> find(const QString &prefix, int max) const;

    const std::vector<City> &cities() const { return m_cities; }

private:
    QString m_dataDir;
    std::vector<City> m_cities;    // most populous first
    std::vector<QString> m_ascii;  // the ASCII name per city where it differs, else empty
};

// "Add site at city...": a line edit that completes city names as one types (most
// populous first) and OK / Cancel. OK is enabled when the text names a city. Without the
// data the dialog says how to get it and OK stays disabled.
class CityDialog : public QDialog
{
    Q_OBJECT

public:
    // search must outlive the dialog; build it once and reuse it (reading takes a moment).
    explicit CityDialog(const CitySearch &search, QWidget *parent = nullptr);

    // The city the text names: an entry of the completion list, or else the most populous
    // city of exactly that name (case insensitive).
    std::optional<City> chosenCity() const;

    QLineEdit *lineEdit() const { return m_edit; }
    QCompleter *completer() const { return m_completer; }

private:
    void updateOk();
    // Widens the field and the completion list for the entries (texts).
    void fitToEntries(const QStringList &texts);

    const CitySearch &m_search;
    // Case-folded completion text -> index in m_search.cities(). Each city has its display
    // text and, when it has accents, the same text without them ("Sao Paulo, ...").
    QHash<QString, int> m_byText;
    QLineEdit *m_edit = nullptr;
    QCompleter *m_completer = nullptr;
    QLabel *m_info = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace dci
