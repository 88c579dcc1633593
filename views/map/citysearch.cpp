#include "citysearch.h"

#include "maplayer.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollBar>
#include <QStyle>
#include <QStringDecoder>
#include <QStringListModel>
#include <QVBoxLayout>

#include <shapefil.h>

#include <algorithm>

namespace dci {

namespace {

constexpr const char *kPlacesFile = "10m/ne_10m_populated_places_simple.dbf";
constexpr int kListSlackPx = 8; // so the longest entry does not end against the scroll bar

// The DBF says Windows-1252 (language driver 87) but many names are UTF-8; the others are
// Latin-1 ("Île-de-France"). Valid UTF-8 wins.
QString decodeName(const char *bytes)
{
    const QByteArray raw = QByteArray(bytes).trimmed();
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8(raw);
    if (utf8.hasError())
        text = QString::fromLatin1(raw);
    return text;
}

} // namespace

QString City::displayText() const
{
    QStringList parts{name};
    if (!region.isEmpty() && region.compare(name, Qt::CaseInsensitive) != 0)
        parts << region;
    if (!country.isEmpty())
        parts << country;
    return parts.join(QStringLiteral(", "));
}

CitySearch::CitySearch(QString dataDir)
    : m_dataDir(dataDir.isEmpty() ? MapLayer::defaultDataDir() : std::move(dataDir))
{
    const QString path = QDir(m_dataDir).filePath(QString::fromLatin1(kPlacesFile));
    DBFHandle dbf = DBFOpen(QFile::encodeName(path).constData(), "rb");
    if (!dbf)
        return;
    const int fName = DBFGetFieldIndex(dbf, "name");
    const int fAscii = DBFGetFieldIndex(dbf, "nameascii");
    const int fCountry = DBFGetFieldIndex(dbf, "adm0name");
    const int fRegion = DBFGetFieldIndex(dbf, "adm1name");
    const int fLat = DBFGetFieldIndex(dbf, "latitude");
    const int fLon = DBFGetFieldIndex(dbf, "longitude");
    const int fPop = DBFGetFieldIndex(dbf, "pop_max");
    if (fName < 0 || fLat < 0 || fLon < 0) {
        DBFClose(dbf);
        return;
    }
    struct Row {
        City city;
        QString ascii;
    };
    std::vector<Row> rows;
    const int count = DBFGetRecordCount(dbf);
    rows.reserve(count);
    for (int i = 0; i < count; ++i) {
        Row row;
        row.city.name = decodeName(DBFReadStringAttribute(dbf, i, fName));
        if (row.city.name.isEmpty())
            continue;
        if (fAscii >= 0) {
            const QString ascii = decodeName(DBFReadStringAttribute(dbf, i, fAscii));
            if (ascii != row.city.name)
                row.ascii = ascii;
        }
        if (fCountry >= 0)
            row.city.country = decodeName(DBFReadStringAttribute(dbf, i, fCountry));
        if (fRegion >= 0)
            row.city.region = decodeName(DBFReadStringAttribute(dbf, i, fRegion));
        row.city.lat_deg = DBFReadDoubleAttribute(dbf, i, fLat);
        row.city.lon_deg = DBFReadDoubleAttribute(dbf, i, fLon);
        if (fPop >= 0)
            row.city.population = qint64(DBFReadDoubleAttribute(dbf, i, fPop));
        rows.push_back(std::move(row));
    }
    DBFClose(dbf);
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row &a, const Row &b) { return a.city.population > b.city.population; });
    m_cities.reserve(rows.size());
    m_ascii.reserve(rows.size());
    for (Row &row : rows) {
        m_cities.push_back(std::move(row.city));
        m_ascii.push_back(std::move(row.ascii));
    }
}

QString CitySearch::missingDataHint() const
{
    if (available())
        return {};
    return QStringLiteral("City list not found in %1: install it with \"sudo apt-get install libmagics++-data\" "
                          "(or point DCI_MAP_DIR to a folder with Natural Earth's 10m populated places).")
        .arg(QDir::toNativeSeparators(m_dataDir));
}

std::vector<City> CitySearch::find(const QString &prefix, int max) const
{
    std::vector<City> found;
    const QString wanted = prefix.trimmed();
    if (wanted.isEmpty())
        return found;
    for (size_t i = 0; i < m_cities.size() && int(found.size()) < max; ++i) {
        if (m_cities[i].name.startsWith(wanted, Qt::CaseInsensitive)
            || (!m_ascii[i].isEmpty() && m_ascii[i].startsWith(wanted, Qt::CaseInsensitive)))
            found.push_back(m_cities[i]);
    }
    return found;
}

CityDialog::CityDialog(const CitySearch &search, QWidget *parent)
    : QDialog(parent)
    , m_search(search)
{
    setWindowTitle(tr("Add Site at City"));
    auto *layout = new QVBoxLayout(this);
    m_info = new QLabel(this);
    m_info->setWordWrap(true);
    layout->addWidget(m_info);
    m_edit = new QLineEdit(this);
    m_edit->setPlaceholderText(tr("City name, e.g. Chicago"));
    m_edit->setClearButtonEnabled(true);
    layout->addWidget(m_edit);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    if (!search.available()) {
        m_info->setText(search.missingDataHint());
        m_edit->setEnabled(false);
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        return;
    }
    m_info->setText(tr("Type the first letters of a city; the largest cities come first."));

    // Built once: the list is already most populous first and the completer keeps that
    // order (UnsortedModel), so typing only filters.
    const QRegularExpression accents(QStringLiteral("\\p{Mn}"));
    QStringList texts;
    const std::vector<City> &cities = search.cities();
    texts.reserve(qsizetype(cities.size()) + 256);
    const auto add = [&](const QString &text, int index) {
        const QString key = text.toCaseFolded();
        if (!m_byText.contains(key)) {
            m_byText.insert(key, index);
            texts << text;
        }
    };
    for (int i = 0; i < int(cities.size()); ++i) {
        const QString text = cities[i].displayText();
        add(text, i);
        const bool ascii = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
        if (!ascii)
            add(text.normalized(QString::NormalizationForm_D).remove(accents), i);
    }
    m_completer = new QCompleter(new QStringListModel(texts, this), this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchStartsWith);
    m_completer->setModelSorting(QCompleter::UnsortedModel);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    m_edit->setCompleter(m_completer);
    fitToEntries(texts);
    connect(m_edit, &QLineEdit::textChanged, this, &CityDialog::updateOk);
    updateOk();
}

void CityDialog::fitToEntries(const QStringList &texts)
{
    // Issue 13 #18: at the field's width the list cut entries at "United Stat…". The field
    // holds a usual entry whole (and its clear button, about as wide as the field is
    // high); the list, the longest entry there is, as far as the screen allows.
    const QString usual = QStringLiteral("Portland, Oregon, United States of America");
    m_edit->setMinimumWidth(m_edit->fontMetrics().horizontalAdvance(usual) + 2 * m_edit->sizeHint().height());
    QAbstractItemView *popup = m_completer->popup();
    const QFontMetrics fm(popup->font());
    // Measuring all ~8,000 entries doubled the time the dialog takes to open; the widest is
    // among the longest (letters differ in width far less than a quarter on average).
    qsizetype longest = 0;
    for (const QString &text : texts)
        longest = std::max(longest, text.size());
    int widest = 0;
    for (const QString &text : texts)
        if (text.size() * 4 >= longest * 3)
            widest = std::max(widest, fm.horizontalAdvance(text));
    // Around the text: the item's margins, the list's frame and its scroll bar.
    const int margins = 2 * (popup->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, popup) + 1)
                        + 2 * popup->frameWidth() + popup->verticalScrollBar()->sizeHint().width() + kListSlackPx;
    popup->setMinimumWidth(std::min(widest + margins, popup->screen()->availableGeometry().width()));
}

std::optional<City> CityDialog::chosenCity() const
{
    const std::vector<City> &cities = m_search.cities();
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    if (const auto it = m_byText.constFind(text.toCaseFolded()); it != m_byText.cend())
        return cities[size_t(it.value())];
    for (const City &city : cities) { // most populous first
        if (city.name.compare(text, Qt::CaseInsensitive) == 0)
            return city;
    }
    return std::nullopt;
}

void CityDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(chosenCity().has_value());
}

} // namespace dci
