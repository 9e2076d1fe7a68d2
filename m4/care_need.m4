# SPDX-License-Identifier: GPL-3.0-or-later
# CARE_NEED(WHAT, DEBIAN-PACKAGES): stop configure with a message that
# names the Debian packages providing a missing dependency.
AC_DEFUN([CARE_NEED],
    [AC_MSG_ERROR([$1 not found; on Debian: apt-get install $2])])
