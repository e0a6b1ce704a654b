#include "sitmon_signals.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#define SLOTS 16
#define PATH_BYTES 4096

static const int handled[3] = {SIGTERM, SIGINT, SIGHUP};
static char paths[SLOTS][PATH_BYTES];
static volatile sig_atomic_t used[SLOTS];
static struct sigaction previous[3];
static volatile sig_atomic_t chained[3];
static int installed = 0;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void remove_and_reraise(int sig) {
    int k;
    for (k = 0; k < 3 && handled[k] != sig; k++) {}
    if (k == 3) return;
    if (chained[k]) {
        /* Someone else's handler: theirs decides. */
        if (previous[k].sa_flags & SA_SIGINFO) {
            if (previous[k].sa_sigaction != NULL) previous[k].sa_sigaction(sig, NULL, NULL);
        } else if (previous[k].sa_handler != SIG_DFL && previous[k].sa_handler != SIG_IGN) {
            previous[k].sa_handler(sig);
        }
        return;
    }
    for (int slot = 0; slot < SLOTS; slot++) {
        if (used[slot]) unlink(paths[slot]);
    }
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(sig, &fallback, NULL);
    raise(sig); /* delivered once this handler returns: the default action ends the process */
}

static void install(void) {
    for (int k = 0; k < 3; k++) {
        struct sigaction current;
        if (sigaction(handled[k], NULL, &current) != 0) continue;
        if (!(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_IGN) continue; /* e.g. SIGHUP under nohup */
        previous[k] = current;
        chained[k] = (current.sa_flags & SA_SIGINFO) || current.sa_handler != SIG_DFL;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = remove_and_reraise;
        sigemptyset(&action.sa_mask);
        action.sa_flags = current.sa_flags & SA_RESTART;
        sigaction(handled[k], &action, NULL);
    }
}

int sitmon_cleanup_register(const char *path) {
    size_t length = strlen(path);
    if (length >= PATH_BYTES) return -1;
    int found = -1;
    pthread_mutex_lock(&lock);
    if (!installed) {
        install();
        installed = 1;
    }
    for (int slot = 0; slot < SLOTS; slot++) {
        if (!used[slot]) {
            memcpy(paths[slot], path, length + 1);
            used[slot] = 1; /* set after the copy: a handler never sees half a path */
            found = slot;
            break;
        }
    }
    pthread_mutex_unlock(&lock);
    return found;
}

void sitmon_cleanup_unregister(int slot) {
    if (slot < 0 || slot >= SLOTS) return;
    pthread_mutex_lock(&lock);
    used[slot] = 0;
    pthread_mutex_unlock(&lock);
}

int sitmon_cleanup_create(char *path_template, int suffix_length, int *slot) {
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    *slot = -1;
    size_t length = strlen(path_template);
    if (suffix_length < 0 || length < (size_t)suffix_length + 6) {
        errno = EINVAL;
        return -1;
    }
    char *x = path_template + length - suffix_length - 6;
    if (memcmp(x, "XXXXXX", 6) != 0) {
        errno = EINVAL;
        return -1;
    }
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned char random[6];
        if (getrandom(random, sizeof random, 0) != (ssize_t)sizeof random) {
            /* No entropy call: the address of a local, the pid and the attempt still differ run to run. */
            unsigned long mix = (unsigned long)&random ^ ((unsigned long)getpid() << 16) ^ (unsigned long)attempt;
            for (int i = 0; i < 6; i++) random[i] = (unsigned char)(mix >> (i * 8));
        }
        for (int i = 0; i < 6; i++) x[i] = letters[random[i] % (sizeof letters - 1)];
        int registered = sitmon_cleanup_register(path_template);
        int fd = open(path_template, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            *slot = registered;
            return fd;
        }
        int code = errno;
        sitmon_cleanup_unregister(registered);
        if (code != EEXIST) {
            errno = code;
            return -1;
        }
    }
    errno = EEXIST;
    return -1;
}
