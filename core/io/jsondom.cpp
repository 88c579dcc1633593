#include "jsondom.h"

#include "model/validate.h"

#include <algorithm>
#include <utility>

namespace dci {

namespace {

using nlohmann::json;

// Builds the document as nlohmann's own DOM parser (json_sax_dom_parser) does, noting
// repeated keys as they come.
class DomBuilder {
public:
    explicit DomBuilder(JsonDom &out) : m_out(out) {}

    bool null() { return value(nullptr); }
    bool boolean(bool v) { return value(v); }
    bool number_integer(json::number_integer_t v) { return value(v); }
    bool number_unsigned(json::number_unsigned_t v) { return value(v); }
    bool number_float(json::number_float_t v, const std::string &) { return value(v); }
    bool string(std::string &v) { return value(std::move(v)); }
    bool binary(json::binary_t &v) { return value(std::move(v)); }
    bool start_object(std::size_t)
    {
        m_stack.push_back({place(json::value_t::object), {}});
        return true;
    }
    bool key(std::string &k)
    {
        Frame &f = m_stack.back();
        if (f.value->contains(k)) {
            f.key = k;
            m_out.duplicateKeys.push_back(pointer());
        }
        f.key = k;
        m_target = &(*f.value)[k];
        return true;
    }
    bool end_object()
    {
        m_stack.pop_back();
        return true;
    }
    bool start_array(std::size_t)
    {
        m_stack.push_back({place(json::value_t::array), {}});
        return true;
    }
    bool end_array()
    {
        m_stack.pop_back();
        return true;
    }
    bool parse_error(std::size_t byte, const std::string &, const nlohmann::detail::exception &e)
    {
        m_out.failed = true;
        m_out.errorByte = byte;
        m_out.errorId = e.id;
        m_out.errorWhat = e.what();
        return false;
    }

private:
    struct Frame {
        json *value;
        std::string key;
    };

    json *place(json &&v)
    {
        if (m_stack.empty()) {
            m_out.root = std::move(v);
            return &m_out.root;
        }
        json &parent = *m_stack.back().value;
        if (parent.is_array()) {
            parent.get_ref<json::array_t &>().push_back(std::move(v));
            return &parent.get_ref<json::array_t &>().back();
        }
        *m_target = std::move(v);
        return m_target;
    }
    template<typename T>
    bool value(T &&v)
    {
        place(json(std::forward<T>(v)));
        return true;
    }
    std::string pointer() const
    {
        std::string p;
        for (const Frame &f : m_stack) {
            p += '/';
            p += f.value->is_array() ? std::to_string(f.value->size() - 1) : pointerToken(f.key);
        }
        return p;
    }

    JsonDom &m_out;
    std::vector<Frame> m_stack;
    json *m_target = nullptr;
};

} // namespace


std::string lineAndColumn(const std::string &text, std::size_t at)
{
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
    const std::size_t lineStart = text.rfind('\n', at);
    const std::size_t column = at - (lineStart == std::string::npos ? 0 : lineStart + 1) + 1;
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

JsonDom parseJsonDom(const std::string &text)
{
    JsonDom out;
    DomBuilder builder(out);
    json::sax_parse(text, &builder);
    return out;
}

} // namespace dci
