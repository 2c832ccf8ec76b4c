/// One choice of a `<select>` in a page's view model.
struct SelectOption: Encodable {
    let value: String
    let label: String
    let selected: Bool
}
