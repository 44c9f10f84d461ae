/** Small open kernel shared by every module: API errors as RFC 9457 problem details. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.labelloop.shared;
