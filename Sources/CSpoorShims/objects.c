#define _GNU_SOURCE
#include "CSpoorShims.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/// Reads exactly `length` bytes at `offset`; 0 on success.
static int read_at(int fd, void *bytes, size_t length, uint64_t offset) {
    size_t done = 0;
    while (done < length) {
        ssize_t count = pread(fd, (char *)bytes + done, length - done, (off_t)(offset + done));
        if (count <= 0) return -1;
        done += (size_t)count;
    }
    return 0;
}

/// What the object's file says: whether it is position independent (`ET_DYN`) and its
/// `.gnu_debuglink` (a file name, then, 4-byte aligned, the CRC-32 of the debug file).
/// Every offset and size comes from the file and is checked against it.
static void read_file_facts(const char *path, uint8_t *is_pic, char *link, size_t link_capacity, uint32_t *crc,
                            uint8_t *has_link) {
    *is_pic = 0;
    *has_link = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat status;
    Elf64_Ehdr header;
    if (fstat(fd, &status) != 0 || read_at(fd, &header, sizeof header, 0) != 0 ||
        memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 || header.e_ident[EI_CLASS] != ELFCLASS64) {
        close(fd);
        return;
    }
    *is_pic = header.e_type == ET_DYN;
    uint64_t size = (uint64_t)status.st_size;
    if (header.e_shentsize != sizeof(Elf64_Shdr) || header.e_shnum == 0 || header.e_shstrndx >= header.e_shnum ||
        header.e_shoff > size || (uint64_t)header.e_shnum * sizeof(Elf64_Shdr) > size - header.e_shoff) {
        close(fd);
        return;
    }
    Elf64_Shdr names;
    if (read_at(fd, &names, sizeof names, header.e_shoff + (uint64_t)header.e_shstrndx * sizeof(Elf64_Shdr)) != 0 ||
        names.sh_offset > size || names.sh_size > size - names.sh_offset) {
        close(fd);
        return;
    }
    static const char wanted[] = ".gnu_debuglink";
    for (uint16_t index = 0; index < header.e_shnum; index++) {
        Elf64_Shdr section;
        char name[sizeof wanted];
        if (read_at(fd, &section, sizeof section, header.e_shoff + (uint64_t)index * sizeof(Elf64_Shdr)) != 0) break;
        if (section.sh_name >= names.sh_size || names.sh_size - section.sh_name < sizeof wanted) continue;
        if (read_at(fd, name, sizeof wanted, names.sh_offset + section.sh_name) != 0) break;
        if (memcmp(name, wanted, sizeof wanted) != 0) continue;
        if (section.sh_offset > size || section.sh_size > size - section.sh_offset || section.sh_size < 8 ||
            section.sh_size > link_capacity + 8) {
            break;
        }
        char content[PATH_MAX + 8];
        if (read_at(fd, content, (size_t)section.sh_size, section.sh_offset) != 0) break;
        size_t length = strnlen(content, (size_t)section.sh_size);
        size_t crc_offset = (length + 4) & ~(size_t)3;
        if (length == 0 || length >= link_capacity || crc_offset + 4 > section.sh_size) break;
        memcpy(link, content, length + 1);
        memcpy(crc, content + crc_offset, 4);
        *has_link = 1;
        break;
    }
    close(fd);
}

/// The GNU build id among the object's notes, which are mapped in memory.
static void find_build_id(const struct dl_phdr_info *info, const uint8_t **build_id, uint32_t *length) {
    *build_id = NULL;
    *length = 0;
    for (int index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[index];
        if (segment->p_type != PT_NOTE) continue;
        const uint8_t *note = (const uint8_t *)(info->dlpi_addr + segment->p_vaddr);
        const uint8_t *end = note + segment->p_memsz;
        while ((size_t)(end - note) >= sizeof(ElfW(Nhdr))) {
            const ElfW(Nhdr) *header = (const ElfW(Nhdr) *)note;
            size_t name_size = ((size_t)header->n_namesz + 3) & ~(size_t)3;
            size_t description_size = ((size_t)header->n_descsz + 3) & ~(size_t)3;
            const uint8_t *name = note + sizeof *header;
            if (name_size > (size_t)(end - name) || description_size > (size_t)(end - name) - name_size) break;
            if (header->n_type == NT_GNU_BUILD_ID && header->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
                *build_id = name + name_size;
                *length = header->n_descsz;
                return;
            }
            note = name + name_size + description_size;
        }
    }
}

struct visit_request {
    void (*visit)(const struct cspoor_loaded_object *, void *);
    void *context;
};

static int visit_object(struct dl_phdr_info *info, size_t info_size, void *data) {
    (void)info_size;
    struct visit_request *request = data;
    uint64_t first = UINT64_MAX, end = 0;
    for (int index = 0; index < info->dlpi_phnum; index++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[index];
        if (segment->p_type != PT_LOAD) continue;
        if (first == UINT64_MAX) first = segment->p_vaddr;
        if (segment->p_vaddr + segment->p_memsz > end) end = segment->p_vaddr + segment->p_memsz;
    }
    if (first == UINT64_MAX) return 0;
    struct cspoor_loaded_object object = {.base_address = info->dlpi_addr + first};
    char path[PATH_MAX];
    char link[PATH_MAX];
    const char *name = info->dlpi_name;
    if (name == NULL || name[0] == '\0') {
        // The main executable.
        ssize_t length = readlink("/proc/self/exe", path, sizeof path - 1);
        if (length <= 0) return 0;
        path[length] = '\0';
    } else if (strchr(name, '/') == NULL) {
        // The vDSO has no file: its name in brackets, and nothing else.
        size_t length = strnlen(name, sizeof path - 3);
        path[0] = '[';
        memcpy(path + 1, name, length);
        path[length + 1] = ']';
        path[length + 2] = '\0';
        object.path = path;
        request->visit(&object, request->context);
        return 0;
    } else {
        size_t length = strnlen(name, sizeof path - 1);
        memcpy(path, name, length);
        path[length] = '\0';
    }
    object.path = path;
    object.memory_size = end - first;
    read_file_facts(path, &object.is_pic, link, sizeof link, &object.debug_link_crc, &object.has_debug_link);
    if (object.has_debug_link) object.debug_link = link;
    find_build_id(info, &object.build_id, &object.build_id_length);
    object.has_build_id = object.build_id != NULL;
    request->visit(&object, request->context);
    return 0;
}

void cspoor_loaded_objects(void (*visit)(const struct cspoor_loaded_object *, void *), void *context) {
    struct visit_request request = {.visit = visit, .context = context};
    dl_iterate_phdr(visit_object, &request);
}
