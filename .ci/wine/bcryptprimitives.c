/* A stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks (it came with Wine 9).
 *
 * Rust's standard library (1.78 and later) takes its random bytes from ProcessPrng in
 * this DLL, so every Rust extension built since (rpds-py >= 0.19, needed by jsonschema)
 * fails to load under Wine 8 with "DLL load failed: Module not found". This one exports
 * only ProcessPrng, served by RtlGenRandom (advapi32's SystemFunction036), which Wine
 * has. Built by .ci/windows.sh with mingw into the Wine prefix's system32, never into
 * the Sésame build: a real Windows (10 and later) has its own.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);  /* RtlGenRandom */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
