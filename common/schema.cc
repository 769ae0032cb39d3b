#include "schema.hh"

#include "text.hh"

namespace minutes {

const Field* find_field(std::string_view name) {
    std::string folded = fold_case(name);
    for (const Field& field : fields)
        if (folded == field.name || folded == field.alias) return &field;
    return nullptr;
}

bool names_people(const Field& field) {
    return field.name == "participant" || field.name == "absent" || field.name == "responsible" ||
           field.name == "secretary";
}

}  // namespace minutes
