/// HTML written by Swift rather than by a template: SVG charts, standalone tables and the long
/// option lists of the statistics forms (hundreds of municipalities, costly to loop over in Leaf).
enum HTML {
    /// Text safe inside an element or a quoted attribute.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// `<option>` elements for a select.
    static func options(_ options: [SelectOption]) -> String {
        options.map { o in
            "<option value=\"\(escape(o.value))\"\(o.selected ? " selected" : "")>\(escape(o.label))</option>"
        }.joined()
    }
}
